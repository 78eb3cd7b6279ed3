/**
 * hunt/deadlock01, fixed: SCTBench CS/deadlock01_bad as a driver. Two
 * requests update one counter under two spin locks; both take LockA, then
 * LockB — one order, so no schedule deadlocks.
 */
import {
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IO_NO_INCREMENT,
  IRP_MJ_DEVICE_CONTROL,
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
  KSPIN_LOCK,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** IOCTL_THREAD1: Counter++ under both locks. */
const IOCTL_THREAD1 = 0x222000;
/** IOCTL_THREAD2: Counter-- under both locks. */
const IOCTL_THREAD2 = 0x222004;

interface Shared {
  LockA: KSPIN_LOCK;
  LockB: KSPIN_LOCK;
  Counter: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Shared;
  ext.LockA = new KSPIN_LOCK();
  ext.LockB = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.LockA);
  await KeInitializeSpinLock(ext.LockB);
  ext.Counter = 1;
  return STATUS_SUCCESS;
}

async function thread1(ext: Shared): Promise<void> {
  const old = await KeAcquireSpinLock(ext.LockA);
  await KeAcquireSpinLockAtDpcLevel(ext.LockB);
  ext.Counter = ext.Counter + 1;
  await KeReleaseSpinLockFromDpcLevel(ext.LockB);
  await KeReleaseSpinLock(ext.LockA, old);
}

async function thread2(ext: Shared): Promise<void> {
  const old = await KeAcquireSpinLock(ext.LockA);
  await KeAcquireSpinLockAtDpcLevel(ext.LockB);
  ext.Counter = ext.Counter - 1;
  await KeReleaseSpinLockFromDpcLevel(ext.LockB);
  await KeReleaseSpinLock(ext.LockA, old);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Shared;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_THREAD1) await thread1(ext);
  else if (code === IOCTL_THREAD2) await thread2(ext);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
