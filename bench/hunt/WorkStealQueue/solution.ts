/**
 * hunt/WorkStealQueue, fixed: CHESS's work-stealing queue (SCTBench
 * chess/WorkStealQueue) as a driver. The owner thread pushes and pops at the
 * tail without the lock; stealers take from the head under it (the Cilk THE
 * protocol). Head, Tail and the slots are read and written one access at a
 * time — the original's interlocked reads and writes, here each a short
 * critical section of the Atomic spin lock — so every access is a point
 * where another thread may step in, as on a sequentially consistent machine.
 * Push keeps one slot free (t < head + mask), so it never overwrites the
 * slot a steal has claimed but not read yet.
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

/** IOCTL_PUSH [item]. */
const IOCTL_PUSH = 0x222000;
/** IOCTL_POP → [found, item], and operates on the item found. */
const IOCTL_POP = 0x222004;
/** IOCTL_STEAL → [found, item], and operates on the item found. */
const IOCTL_STEAL = 0x222008;
/** The queue's first size (a power of 2), and the size it grows to from there. */
const INITIAL_SIZE = 2;
const GROWN_SIZE = 4;
const ITEMS = 4;

interface Queue {
  /** The queue's own lock: Steal, SyncPop and SyncPush. */
  Lock: KSPIN_LOCK;
  /** Makes each access to Head, Tail and a slot one atomic step. */
  Atomic: KSPIN_LOCK;
  Head: number;
  Tail: number;
  Mask: number;
  Elems: number[];
  /** Per item, how many times it was operated on (each must be once). */
  Operated: number[];
}

type Index = 'Head' | 'Tail';

async function readV(q: Queue, index: Index): Promise<number> {
  const old = await KeAcquireSpinLock(q.Atomic);
  const value = q[index];
  await KeReleaseSpinLock(q.Atomic, old);
  return value;
}

async function writeV(q: Queue, index: Index, value: number): Promise<void> {
  const old = await KeAcquireSpinLock(q.Atomic);
  q[index] = value;
  await KeReleaseSpinLock(q.Atomic, old);
}

async function readElem(q: Queue, at: number): Promise<number> {
  const old = await KeAcquireSpinLock(q.Atomic);
  const value = q.Elems[at & q.Mask]!;
  await KeReleaseSpinLock(q.Atomic, old);
  return value;
}

async function writeElem(q: Queue, at: number, value: number): Promise<void> {
  const old = await KeAcquireSpinLock(q.Atomic);
  q.Elems[at & q.Mask] = value;
  await KeReleaseSpinLock(q.Atomic, old);
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const q = DeviceObject.DeviceExtension as Queue;
  q.Lock = new KSPIN_LOCK();
  q.Atomic = new KSPIN_LOCK();
  await KeInitializeSpinLock(q.Lock);
  await KeInitializeSpinLock(q.Atomic);
  q.Head = 0;
  q.Tail = 0;
  q.Mask = INITIAL_SIZE - 1;
  q.Elems = new Array<number>(INITIAL_SIZE).fill(-1);
  q.Operated = new Array<number>(ITEMS).fill(0);
  return STATUS_SUCCESS;
}

/** A stealer takes the item at the head, or returns -1. */
async function Steal(q: Queue): Promise<number> {
  let result = -1;
  const old = await KeAcquireSpinLock(q.Lock);
  const h = await readV(q, 'Head');
  await writeV(q, 'Head', h + 1);
  if (h < (await readV(q, 'Tail'))) result = await readElem(q, h);
  else await writeV(q, 'Head', h); // empty, or one item racing with a pop: restore the head
  await KeReleaseSpinLock(q.Lock, old);
  return result;
}

/** The owner takes the item at the tail, or returns -1. */
async function Pop(q: Queue): Promise<number> {
  const t = (await readV(q, 'Tail')) - 1;
  await writeV(q, 'Tail', t);
  if ((await readV(q, 'Head')) <= t) return readElem(q, t);
  await writeV(q, 'Tail', t + 1); // restore the tail, and pop under the lock
  return SyncPop(q);
}

async function SyncPop(q: Queue): Promise<number> {
  let result = -1;
  const old = await KeAcquireSpinLock(q.Lock);
  const t = (await readV(q, 'Tail')) - 1;
  await writeV(q, 'Tail', t);
  if ((await readV(q, 'Head')) <= t) result = await readElem(q, t);
  else await writeV(q, 'Tail', t + 1);
  if ((await readV(q, 'Head')) > t) {
    // Empty: reset the indices.
    await writeV(q, 'Head', 0);
    await writeV(q, 'Tail', 0);
    result = -1;
  }
  await KeReleaseSpinLock(q.Lock, old);
  return result;
}

/** The owner pushes `item` at the tail. */
async function Push(q: Queue, item: number): Promise<void> {
  const t = await readV(q, 'Tail');
  // Leave one slot free: a steal may have claimed the head's slot and not read it yet.
  if (t < (await readV(q, 'Head')) + q.Mask) {
    await writeElem(q, t, item);
    await writeV(q, 'Tail', t + 1); // only once the slot holds the item
  } else {
    await SyncPush(q, item);
  }
}

async function SyncPush(q: Queue, item: number): Promise<void> {
  const old = await KeAcquireSpinLock(q.Lock);
  let h = await readV(q, 'Head');
  const count = (await readV(q, 'Tail')) - h;
  h = h & q.Mask;
  await writeV(q, 'Head', h);
  await writeV(q, 'Tail', h + count);
  if (count >= q.Mask) {
    const grown = new Array<number>(Math.max(GROWN_SIZE, 2 * (q.Mask + 1))).fill(-1);
    for (let i = 0; i < count; i++) grown[i] = await readElem(q, h + i);
    q.Elems = grown;
    q.Mask = grown.length - 1;
    await writeV(q, 'Head', 0);
    await writeV(q, 'Tail', count);
  }
  const t = await readV(q, 'Tail');
  await writeElem(q, t, item);
  await writeV(q, 'Tail', t + 1);
  await KeReleaseSpinLock(q.Lock, old);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const q = DeviceObject.DeviceExtension as Queue;
  const io = Irp.AssociatedIrp.SystemBuffer;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  if (code === IOCTL_PUSH) await Push(q, io[0]!);
  else if (code === IOCTL_POP || code === IOCTL_STEAL) {
    const item = code === IOCTL_POP ? await Pop(q) : await Steal(q);
    io[0] = item >= 0 ? 1 : 0;
    io[1] = item;
    // The item's Operation().
    if (item >= 0) q.Operated[item] = q.Operated[item]! + 1;
  }
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_PUSH ? 0 : 2;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
