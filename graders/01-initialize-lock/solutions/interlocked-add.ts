/**
 * Another correct solution for 01-initialize-lock: the lock is initialized
 * once in AddDevice exactly as in the reference, but DispatchWrite never
 * takes it itself. Each counter is updated with ExInterlockedAddUlong, which
 * takes the lock around its one addition. (The two counters are updated one
 * after the other, not together — fine here, since nothing reads them while
 * writes are in flight.)
 */
import {
  ExInterlockedAddUlong,
  IO_NO_INCREMENT,
  IRP_MJ_WRITE,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  KeInitializeSpinLock,
  KSPIN_LOCK,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

interface DeviceExtension {
  /** Used only through ExInterlocked routines: never with KeAcquireSpinLock. */
  CounterLock: KSPIN_LOCK;
  Count: number;
  Words: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.CounterLock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.CounterLock);
  ext.Count = 0;
  ext.Words = 0;
  return STATUS_SUCCESS;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;

  await ExInterlockedAddUlong(ext, 'Count', 1, ext.CounterLock);
  await ExInterlockedAddUlong(ext, 'Words', length, ext.CounterLock);

  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = length;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
