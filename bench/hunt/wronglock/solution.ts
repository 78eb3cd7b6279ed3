/**
 * hunt/wronglock, fixed: SCTBench CS/wronglock_bad as a driver. funcA reads
 * dataValue, increments it and asserts it grew by exactly one; seven funcB
 * threads increment it. All of them take dataLock.
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

/** IOCTL_FUNC_A → [1 if dataValue grew by other than one]. */
const IOCTL_FUNC_A = 0x222000;
/** IOCTL_FUNC_B: dataValue++. */
const IOCTL_FUNC_B = 0x222004;

interface Shared {
  DataLock: KSPIN_LOCK;
  ThisLock: KSPIN_LOCK;
  DataValue: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Shared;
  ext.DataLock = new KSPIN_LOCK();
  ext.ThisLock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.DataLock);
  await KeInitializeSpinLock(ext.ThisLock);
  ext.DataValue = 0;
  return STATUS_SUCCESS;
}

async function funcA(ext: Shared): Promise<number> {
  const old = await KeAcquireSpinLock(ext.DataLock);
  const x = ext.DataValue;
  ext.DataValue = ext.DataValue + 1;
  const bug = ext.DataValue !== x + 1 ? 1 : 0;
  await KeReleaseSpinLock(ext.DataLock, old);
  return bug;
}

async function funcB(ext: Shared): Promise<void> {
  const old = await KeAcquireSpinLock(ext.DataLock);
  ext.DataValue = ext.DataValue + 1;
  await KeReleaseSpinLock(ext.DataLock, old);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Shared;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_FUNC_A) Irp.AssociatedIrp.SystemBuffer[0] = await funcA(ext);
  else if (code === IOCTL_FUNC_B) await funcB(ext);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_FUNC_A ? 1 : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
