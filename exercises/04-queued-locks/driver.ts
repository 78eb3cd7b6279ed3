/**
 * Exercise 04-queued-locks — your driver.
 *
 * A statistics block that every request updates: DispatchWrite and
 * DispatchRead (PASSIVE_LEVEL) and FlushDpc (DISPATCH_LEVEL) all touch
 * ext.Stats on four CPUs. Protect it with ext.StatsLock used as an in-stack
 * queued spin lock: a fresh local KLOCK_QUEUE_HANDLE for every acquisition,
 * released with that same handle, and the AtDpcLevel / FromDpcLevel forms in
 * the DPC. See README.md for the contract.
 *
 * The routines you need are already imported. Run `npx spinlab check` in
 * this folder to see what spinlab finds.
 */
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

/** The statistics block. Every field is protected by ext.StatsLock. */
interface STATS {
  /** Write requests received. */
  Writes: number;
  /** Read requests that returned a snapshot. */
  Reads: number;
  /** Elements written, over all writes. */
  BytesWritten: number;
  /** Elements written but not yet flushed by FlushDpc. */
  Pending: number;
  /** Elements FlushDpc has flushed. */
  Flushed: number;
  /** Times FlushDpc has run. */
  Flushes: number;
}

/** What the driver keeps per device. */
interface DeviceExtension {
  StatsLock: KSPIN_LOCK;
  Stats: STATS;
  /** Queued by DispatchWrite; its routine is FlushDpc, its context the extension. */
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

/** Runs once, at PASSIVE_LEVEL, before the device receives any request. (Complete.) */
export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.StatsLock = new KSPIN_LOCK();
  ext.Stats = { Writes: 0, Reads: 0, BytesWritten: 0, Pending: 0, Flushed: 0, Flushes: 0 };
  ext.FlushDpc = new KDPC();
  // A queued spin lock is an ordinary KSPIN_LOCK: it is initialized the same way.
  await KeInitializeSpinLock(ext.StatsLock);
  await KeInitializeDpc(ext.FlushDpc, FlushDpc, ext);
  return STATUS_SUCCESS;
}

/** PASSIVE_LEVEL, in a writing thread, on any CPU. Counts the write, queues FlushDpc, completes the IRP. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  // TODO: these updates race with the other CPUs. Declare a local
  //       KLOCK_QUEUE_HANDLE here and hold ext.StatsLock as an in-stack
  //       queued spin lock around them (the form for code below DISPATCH_LEVEL).
  ext.Stats.Writes = ext.Stats.Writes + 1;
  ext.Stats.BytesWritten = ext.Stats.BytesWritten + length;
  ext.Stats.Pending = ext.Stats.Pending + length;
  await KeInsertQueueDpc(ext.FlushDpc, null, null);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = length;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

/** PASSIVE_LEVEL, in the reading thread. Counts the read and returns a snapshot of ext.Stats. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < SNAPSHOT_WORDS) {
    Irp.IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
    Irp.IoStatus.Information = 0;
    await IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_BUFFER_TOO_SMALL;
  }
  // TODO: count the read and copy all six fields in ONE acquisition of
  //       ext.StatsLock (with its own local handle), then release it before
  //       filling the buffer and completing the IRP.
  ext.Stats.Reads = ext.Stats.Reads + 1;
  const s = ext.Stats;
  const snapshot = [s.Writes, s.Reads, s.BytesWritten, s.Pending, s.Flushed, s.Flushes];
  const buffer = Irp.AssociatedIrp.SystemBuffer;
  for (let i = 0; i < SNAPSHOT_WORDS; i++) buffer[i] = snapshot[i]!;
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = SNAPSHOT_WORDS;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

/** DISPATCH_LEVEL, on the CPU that queued it — possibly on two CPUs at once. Moves Pending into Flushed. */
export async function FlushDpc(_Dpc: KDPC, DeferredContext: unknown): Promise<void> {
  const ext = DeferredContext as DeviceExtension;
  // TODO: a DPC is already at DISPATCH_LEVEL: hold ext.StatsLock with the
  //       AtDpcLevel form of the queued routines (and a local handle) here.
  ext.Stats.Flushed = ext.Stats.Flushed + ext.Stats.Pending;
  ext.Stats.Pending = 0;
  ext.Stats.Flushes = ext.Stats.Flushes + 1;
}
