/**
 * hunt/bluetooth_driver, fixed: the KISS Bluetooth driver (Qadeer & Wu, PLDI
 * 2004; SCTBench CS/bluetooth_driver_bad). Requests count themselves in
 * PendingIo while they work; the stop handler sets StoppingFlag, drops the
 * device's own reference, and releases the device's resources (Stopped) once
 * the count reaches 0. BCSP_IoIncrement checks StoppingFlag and counts the
 * request under the same lock, so no request starts once the stop began.
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

/** IOCTL_PNP_ADD → [1 if the device was stopped while this request worked on it]. */
const IOCTL_PNP_ADD = 0x222000;
/** IOCTL_PNP_STOP: stop the device. */
const IOCTL_PNP_STOP = 0x222004;

interface Device {
  Lock: KSPIN_LOCK;
  PendingIo: number;
  StoppingFlag: boolean;
  StoppingEvent: boolean;
  Stopped: boolean;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const e = DeviceObject.DeviceExtension as Device;
  e.Lock = new KSPIN_LOCK();
  await KeInitializeSpinLock(e.Lock);
  e.PendingIo = 1;
  e.StoppingFlag = false;
  e.StoppingEvent = false;
  e.Stopped = false;
  return STATUS_SUCCESS;
}

/** Counts a request in, unless the device is stopping: 0, or -1 when it may not start. */
async function BCSP_IoIncrement(e: Device): Promise<number> {
  const old = await KeAcquireSpinLock(e.Lock);
  if (e.StoppingFlag) {
    await KeReleaseSpinLock(e.Lock, old);
    return -1;
  }
  e.PendingIo = e.PendingIo + 1;
  await KeReleaseSpinLock(e.Lock, old);
  return 0;
}

/** Counts a request out; the last one out signals the stop handler. */
async function BCSP_IoDecrement(e: Device): Promise<void> {
  const old = await KeAcquireSpinLock(e.Lock);
  e.PendingIo = e.PendingIo - 1;
  if (e.PendingIo === 0) e.StoppingEvent = true;
  await KeReleaseSpinLock(e.Lock, old);
}

/** The work request: it must never find the device stopped (the original's `assert(!stopped)`). */
async function BCSP_PnpAdd(e: Device): Promise<number> {
  let stoppedMeanwhile = 0;
  if ((await BCSP_IoIncrement(e)) === 0) {
    // Do work here.
    const old = await KeAcquireSpinLock(e.Lock);
    stoppedMeanwhile = e.Stopped ? 1 : 0;
    await KeReleaseSpinLock(e.Lock, old);
    await BCSP_IoDecrement(e);
  }
  return stoppedMeanwhile;
}

async function BCSP_PnpStop(e: Device): Promise<void> {
  let old = await KeAcquireSpinLock(e.Lock);
  e.StoppingFlag = true;
  await KeReleaseSpinLock(e.Lock, old);
  await BCSP_IoDecrement(e);
  old = await KeAcquireSpinLock(e.Lock);
  // Release the allocated resources.
  if (e.StoppingEvent) e.Stopped = true;
  await KeReleaseSpinLock(e.Lock, old);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const e = DeviceObject.DeviceExtension as Device;
  const io = Irp.AssociatedIrp.SystemBuffer;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_PNP_ADD) io[0] = await BCSP_PnpAdd(e);
  else if (code === IOCTL_PNP_STOP) await BCSP_PnpStop(e);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_PNP_ADD ? 1 : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
