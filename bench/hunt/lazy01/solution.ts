/**
 * hunt/lazy01, fixed: SCTBench CS/lazy01_bad as a driver. Two updates add 1
 * and 2 to Data under the mutex; a check reads Data under it, and Data must
 * be below 3 when it does. The second update waits until the check has been
 * made (the Checked event), so the check never sees both.
 */
import {
  Executive,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IO_NO_INCREMENT,
  IRP_MJ_DEVICE_CONTROL,
  KeAcquireSpinLock,
  KeInitializeEvent,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KernelMode,
  KeSetEvent,
  KEVENT,
  KeWaitForSingleObject,
  KSPIN_LOCK,
  NotificationEvent,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** IOCTL_ADD [n]: Data += n (thread1 adds 1, thread2 adds 2). */
const IOCTL_ADD = 0x222000;
/** IOCTL_CHECK → [Data]. */
const IOCTL_CHECK = 0x222004;

interface Shared {
  Mutex: KSPIN_LOCK;
  Data: number;
  Checked: KEVENT;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Shared;
  ext.Mutex = new KSPIN_LOCK();
  ext.Checked = new KEVENT();
  await KeInitializeSpinLock(ext.Mutex);
  await KeInitializeEvent(ext.Checked, NotificationEvent, false);
  ext.Data = 0;
  return STATUS_SUCCESS;
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Shared;
  const io = Irp.AssociatedIrp.SystemBuffer;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_ADD) {
    const n = io[0]!;
    if (n === 2) await KeWaitForSingleObject(ext.Checked, Executive, KernelMode, false, null);
    const old = await KeAcquireSpinLock(ext.Mutex);
    ext.Data = ext.Data + n;
    await KeReleaseSpinLock(ext.Mutex, old);
  } else if (code === IOCTL_CHECK) {
    const old = await KeAcquireSpinLock(ext.Mutex);
    io[0] = ext.Data;
    await KeReleaseSpinLock(ext.Mutex, old);
    await KeSetEvent(ext.Checked, 0, false);
  }
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_CHECK ? 1 : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
