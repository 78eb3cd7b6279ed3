/**
 * hunt/token_ring, fixed: SCTBench CS/token_ring_bad as a driver. Three
 * stages pass a token around a ring — x1 = (x3 + 1) % 4, x2 = x1, x3 = x2 —
 * each in one critical section, and a checker asserts, once all three have
 * run, that x1 == x2 == x3. Stage 2 waits for stage 1 and stage 3 for stage 2
 * (events), so the token goes round in ring order.
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

/** IOCTL_STAGE [n]: stage n (1, 2 or 3) of the ring. */
const IOCTL_STAGE = 0x222000;
/** IOCTL_CHECK → [all three stages ran, x1 == x2 == x3]. */
const IOCTL_CHECK = 0x222004;

interface Ring {
  Lock: KSPIN_LOCK;
  X: number[];
  Flags: boolean[];
  /** Done[n - 1]: stage n has run. */
  Done: KEVENT[];
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Ring;
  ext.Lock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.Lock);
  ext.X = [1, 2, 1];
  ext.Flags = [false, false, false];
  ext.Done = [new KEVENT(), new KEVENT(), new KEVENT()];
  for (const done of ext.Done) await KeInitializeEvent(done, NotificationEvent, false);
  return STATUS_SUCCESS;
}

/** Stage `n`: x[n] takes the value of the stage before it (stage 1 adds 1, modulo 4). */
async function stage(ext: Ring, n: number): Promise<void> {
  if (n > 1) await KeWaitForSingleObject(ext.Done[n - 2]!, Executive, KernelMode, false, null);
  const old = await KeAcquireSpinLock(ext.Lock);
  if (n === 1) ext.X[0] = (ext.X[2]! + 1) % 4;
  else ext.X[n - 1] = ext.X[n - 2]!;
  ext.Flags[n - 1] = true;
  await KeReleaseSpinLock(ext.Lock, old);
  await KeSetEvent(ext.Done[n - 1]!, 0, false);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Ring;
  const io = Irp.AssociatedIrp.SystemBuffer;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_STAGE) await stage(ext, io[0]!);
  else if (code === IOCTL_CHECK) {
    const old = await KeAcquireSpinLock(ext.Lock);
    const [x1, x2, x3] = ext.X;
    io[0] = ext.Flags[0] && ext.Flags[1] && ext.Flags[2] ? 1 : 0;
    io[1] = x1 === x2 && x2 === x3 ? 1 : 0;
    await KeReleaseSpinLock(ext.Lock, old);
  }
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_CHECK ? 2 : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
