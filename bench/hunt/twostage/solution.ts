/**
 * hunt/twostage, fixed: SCTBench CS/twostage_bad as a driver. funcA sets
 * data1 = 1 and then data2 = data1 + 1; funcB, once data1 is set, reads both
 * and asserts data2 == data1 + 1. Both hold data1Lock across the two stages
 * (data2Lock nested inside), so funcB never sees the first stage alone.
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

/** IOCTL_FUNC_A: the two stages. */
const IOCTL_FUNC_A = 0x222000;
/** IOCTL_FUNC_B → [data1 was set, data1, data2]. */
const IOCTL_FUNC_B = 0x222004;

interface Stages {
  Data1Lock: KSPIN_LOCK;
  Data2Lock: KSPIN_LOCK;
  Data1Value: number;
  Data2Value: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Stages;
  ext.Data1Lock = new KSPIN_LOCK();
  ext.Data2Lock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.Data1Lock);
  await KeInitializeSpinLock(ext.Data2Lock);
  ext.Data1Value = 0;
  ext.Data2Value = 0;
  return STATUS_SUCCESS;
}

async function funcA(ext: Stages): Promise<void> {
  const old = await KeAcquireSpinLock(ext.Data1Lock);
  ext.Data1Value = 1;
  await KeAcquireSpinLockAtDpcLevel(ext.Data2Lock);
  ext.Data2Value = ext.Data1Value + 1;
  await KeReleaseSpinLockFromDpcLevel(ext.Data2Lock);
  await KeReleaseSpinLock(ext.Data1Lock, old);
}

async function funcB(ext: Stages, out: number[]): Promise<void> {
  const old = await KeAcquireSpinLock(ext.Data1Lock);
  if (ext.Data1Value === 0) {
    await KeReleaseSpinLock(ext.Data1Lock, old);
    out[0] = 0;
    return;
  }
  const t1 = ext.Data1Value;
  await KeAcquireSpinLockAtDpcLevel(ext.Data2Lock);
  const t2 = ext.Data2Value;
  await KeReleaseSpinLockFromDpcLevel(ext.Data2Lock);
  await KeReleaseSpinLock(ext.Data1Lock, old);
  out[0] = 1;
  out[1] = t1;
  out[2] = t2;
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Stages;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_FUNC_A) await funcA(ext);
  else if (code === IOCTL_FUNC_B) await funcB(ext, Irp.AssociatedIrp.SystemBuffer);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_FUNC_B ? 3 : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
