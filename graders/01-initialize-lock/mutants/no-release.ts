// fails: complete-after-release, count-exact, irps-completed, release-on-every-path, writes-succeed
// DispatchWrite takes the lock but never releases it, so it also completes the IRP while holding it.
import {
  IO_NO_INCREMENT,
  IRP_MJ_WRITE,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  KeAcquireSpinLock,
  KeInitializeSpinLock,
  KSPIN_LOCK,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

interface DeviceExtension {
  Lock: KSPIN_LOCK;
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
  ext.Lock = new KSPIN_LOCK();
  ext.Count = 0;
  ext.Words = 0;
  await KeInitializeSpinLock(ext.Lock);
  return STATUS_SUCCESS;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;

  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  ext.Count = ext.Count + 1;
  ext.Words = ext.Words + length;

  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = length;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
