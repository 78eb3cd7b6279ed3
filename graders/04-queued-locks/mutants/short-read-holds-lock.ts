// fails: complete-after-release, every-acquire-released, no-self-deadlock, snapshots-consistent, stats-exact
// DispatchRead checks the buffer length after taking the lock and, for a short buffer, completes the IRP and returns without releasing the lock.
import {
  IO_NO_INCREMENT,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  KDPC,
  KLOCK_QUEUE_HANDLE,
  KSPIN_LOCK,
  KeAcquireInStackQueuedSpinLock,
  KeAcquireInStackQueuedSpinLockAtDpcLevel,
  KeInitializeDpc,
  KeInitializeSpinLock,
  KeInsertQueueDpc,
  KeReleaseInStackQueuedSpinLock,
  KeReleaseInStackQueuedSpinLockFromDpcLevel,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** The statistics block: every field is protected by StatsLock. */
interface STATS {
  /** Write requests. */
  Writes: number;
  /** Successful read requests. */
  Reads: number;
  /** Elements written, in all. */
  BytesWritten: number;
  /** Elements written but not yet flushed by the DPC. */
  Pending: number;
  /** Elements the DPC has flushed. */
  Flushed: number;
  /** DPC runs. */
  Flushes: number;
}

interface DeviceExtension {
  StatsLock: KSPIN_LOCK;
  Stats: STATS;
  FlushDpc: KDPC;
}

/** Words in a snapshot: Writes, Reads, BytesWritten, Pending, Flushed, Flushes. */
const SNAPSHOT_WORDS = 6;

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.StatsLock = new KSPIN_LOCK();
  ext.Stats = { Writes: 0, Reads: 0, BytesWritten: 0, Pending: 0, Flushed: 0, Flushes: 0 };
  ext.FlushDpc = new KDPC();
  await KeInitializeSpinLock(ext.StatsLock);
  await KeInitializeDpc(ext.FlushDpc, FlushDpc, ext);
  return STATUS_SUCCESS;
}

/** PASSIVE_LEVEL: counts the write and its bytes, then queues the flush DPC. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const handle = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.StatsLock, handle);
  ext.Stats.Writes = ext.Stats.Writes + 1;
  ext.Stats.BytesWritten = ext.Stats.BytesWritten + length;
  ext.Stats.Pending = ext.Stats.Pending + length;
  await KeReleaseInStackQueuedSpinLock(handle);
  await KeInsertQueueDpc(ext.FlushDpc, null, null);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = length;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

/** PASSIVE_LEVEL: counts the read and returns a snapshot taken in one acquisition. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const handle = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.StatsLock, handle);
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < SNAPSHOT_WORDS) {
    Irp.IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
    Irp.IoStatus.Information = 0;
    await IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_BUFFER_TOO_SMALL;
  }
  ext.Stats.Reads = ext.Stats.Reads + 1;
  const s = ext.Stats;
  const snapshot = [s.Writes, s.Reads, s.BytesWritten, s.Pending, s.Flushed, s.Flushes];
  await KeReleaseInStackQueuedSpinLock(handle);
  const buffer = Irp.AssociatedIrp.SystemBuffer;
  for (let i = 0; i < SNAPSHOT_WORDS; i++) buffer[i] = snapshot[i]!;
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = SNAPSHOT_WORDS;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

/** DISPATCH_LEVEL: moves the pending bytes to Flushed. */
export async function FlushDpc(_Dpc: KDPC, DeferredContext: unknown): Promise<void> {
  const ext = DeferredContext as DeviceExtension;
  const handle = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLockAtDpcLevel(ext.StatsLock, handle);
  ext.Stats.Flushed = ext.Stats.Flushed + ext.Stats.Pending;
  ext.Stats.Pending = 0;
  ext.Stats.Flushes = ext.Stats.Flushes + 1;
  await KeReleaseInStackQueuedSpinLockFromDpcLevel(handle);
}
