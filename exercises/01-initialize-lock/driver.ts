/**
 * Exercise 01-initialize-lock — your driver.
 *
 * Four CPUs send writes to this device at the same time. DispatchWrite must
 * count them in the device extension, protected by a spin lock that lives in
 * the extension and is initialized exactly once, in AddDevice.
 *
 * The routines you need are already imported. Run `npx spinlab check` in
 * this folder to see what spinlab finds.
 */
import {
  IO_NO_INCREMENT,
  IRP_MJ_WRITE,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  KeAcquireSpinLock,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KSPIN_LOCK,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** What the driver keeps per device. Keep every piece of shared state here. */
interface DeviceExtension {
  /** The spin lock that protects Count and Words. */
  Lock: KSPIN_LOCK;
  /** How many writes the device has received. */
  Count: number;
  /** How many words those writes carried in total. */
  Words: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

/** Runs once, at PASSIVE_LEVEL, before the device receives any request. */
export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.Count = 0;
  ext.Words = 0;
  // TODO: give the extension its own lock storage (ext.Lock = new KSPIN_LOCK()),
  //       and initialize it with KeInitializeSpinLock — here, once, before any
  //       routine can use it. Don't forget the await.
  return STATUS_SUCCESS;
}

/** Runs at PASSIVE_LEVEL in the writing thread, on any of the four CPUs, possibly on all four at once. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;

  // TODO: these two updates race with the other CPUs. Take ext.Lock with
  //       KeAcquireSpinLock before them and release it with KeReleaseSpinLock
  //       right after, passing back the OldIrql the acquire returned.
  ext.Count = ext.Count + 1;
  ext.Words = ext.Words + length;

  // Complete the IRP only after the lock is released.
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = length;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
