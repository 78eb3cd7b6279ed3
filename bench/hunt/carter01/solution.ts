/**
 * hunt/carter01, fixed: SCTBench CS/carter01_bad as a driver. Operations of
 * class A and class B exclude each other through the class lock L; M
 * protects the class counters A and B. Every path takes L before M — one
 * order — and holds L for the whole operation.
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

/** IOCTL_CLASS_A: one operation of class A. */
const IOCTL_CLASS_A = 0x222000;
/** IOCTL_CLASS_B: one operation of class B. */
const IOCTL_CLASS_B = 0x222004;

interface Classes {
  M: KSPIN_LOCK;
  L: KSPIN_LOCK;
  A: number;
  B: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Classes;
  ext.M = new KSPIN_LOCK();
  ext.L = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.M);
  await KeInitializeSpinLock(ext.L);
  ext.A = 0;
  ext.B = 0;
  return STATUS_SUCCESS;
}

async function classA(ext: Classes): Promise<void> {
  const old = await KeAcquireSpinLock(ext.L);
  await KeAcquireSpinLockAtDpcLevel(ext.M);
  ext.A = ext.A + 1;
  await KeReleaseSpinLockFromDpcLevel(ext.M);
  // Perform the class A operation.
  await KeAcquireSpinLockAtDpcLevel(ext.M);
  ext.A = ext.A - 1;
  await KeReleaseSpinLockFromDpcLevel(ext.M);
  await KeReleaseSpinLock(ext.L, old);
}

async function classB(ext: Classes): Promise<void> {
  const old = await KeAcquireSpinLock(ext.L);
  await KeAcquireSpinLockAtDpcLevel(ext.M);
  ext.B = ext.B + 1;
  await KeReleaseSpinLockFromDpcLevel(ext.M);
  // Perform the class B operation.
  await KeAcquireSpinLockAtDpcLevel(ext.M);
  ext.B = ext.B - 1;
  await KeReleaseSpinLockFromDpcLevel(ext.M);
  await KeReleaseSpinLock(ext.L, old);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Classes;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_CLASS_A) await classA(ext);
  else if (code === IOCTL_CLASS_B) await classB(ext);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
