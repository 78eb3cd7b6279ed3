/**
 * hunt/reorder_5, fixed: SCTBench CS/reorder_5_bad as a driver. Setters
 * write a = 1 and b = -1; a checker reads both and asserts it saw neither or
 * both. Setting and checking each hold the lock, so the pair is one.
 */
import {
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IO_NO_INCREMENT,
  IRP_MJ_DEVICE_CONTROL,
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

/** IOCTL_SET: a = 1, b = -1. */
const IOCTL_SET = 0x222000;
/** IOCTL_CHECK → [a, b]. */
const IOCTL_CHECK = 0x222004;

interface Pair {
  Lock: KSPIN_LOCK;
  A: number;
  B: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Pair;
  ext.Lock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.Lock);
  ext.A = 0;
  ext.B = 0;
  return STATUS_SUCCESS;
}

async function set(ext: Pair): Promise<void> {
  const old = await KeAcquireSpinLock(ext.Lock);
  ext.A = 1;
  ext.B = -1;
  await KeReleaseSpinLock(ext.Lock, old);
}

async function check(ext: Pair, out: number[]): Promise<void> {
  const old = await KeAcquireSpinLock(ext.Lock);
  out[0] = ext.A;
  out[1] = ext.B;
  await KeReleaseSpinLock(ext.Lock, old);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Pair;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_SET) await set(ext);
  else if (code === IOCTL_CHECK) await check(ext, Irp.AssociatedIrp.SystemBuffer);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_CHECK ? 2 : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
