// fails: every-read-completes, every-word-delivered-once-in-order, locks-released-on-every-path
// DispatchRead returns STATUS_PENDING at once when no read is full yet, without releasing ReadLock.
import {
  CONTAINING_RECORD,
  InitializeListHead,
  InsertTailList,
  IoCompleteRequest,
  IoConnectInterrupt,
  IoGetCurrentIrpStackLocation,
  IoInitializeDpcRequest,
  IoMarkIrpPending,
  IoRequestDpc,
  IO_NO_INCREMENT,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  IsListEmpty,
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
  KeSynchronizeExecution,
  KSPIN_LOCK,
  LIST_ENTRY,
  READ_REGISTER_ULONG,
  RemoveHeadList,
  STATUS_DEVICE_BUSY,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type KDPC,
  type KINTERRUPT,
  type NTSTATUS,
} from 'spinlab/kernel';

/** Words the ring holds. */
const RING_SIZE = 16;

/** Shared with the ISR: touch only in the ISR or in a KeSynchronizeExecution routine. */
interface Ring {
  Data: number[];
  /** Index of the oldest word. */
  Head: number;
  /** Words in the ring. */
  Count: number;
  /** Words the ISR dropped because the ring was full. */
  Overruns: number;
}

interface Extension {
  IsrLock: KSPIN_LOCK;
  Interrupt: KINTERRUPT;
  Ring: Ring;
  /** Protects PendingReads. */
  ReadLock: KSPIN_LOCK;
  /** Read IRPs waiting for words, oldest first (linked by Irp.Tail.Overlay.ListEntry). */
  PendingReads: LIST_ENTRY;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Extension;
  ext.Ring = { Data: new Array<number>(RING_SIZE).fill(0), Head: 0, Count: 0, Overruns: 0 };
  ext.ReadLock = new KSPIN_LOCK();
  ext.PendingReads = new LIST_ENTRY();
  ext.IsrLock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.ReadLock);
  InitializeListHead(ext.PendingReads);
  await KeInitializeSpinLock(ext.IsrLock);
  await IoInitializeDpcRequest(DeviceObject, DpcForIsr);
  const { Status, InterruptObject } = await IoConnectInterrupt({
    ServiceRoutine: Isr,
    ServiceContext: DeviceObject,
    SpinLock: ext.IsrLock,
    Vector: DeviceObject.Resources.Vector,
    Irql: DeviceObject.Resources.Level,
    SynchronizeIrql: DeviceObject.Resources.Level,
  });
  if (InterruptObject === null) return Status;
  ext.Interrupt = InterruptObject;
  return STATUS_SUCCESS;
}

/** DIRQL, holding the interrupt spin lock. */
export async function Isr(_Interrupt: KINTERRUPT, DeviceObject: DEVICE_OBJECT): Promise<boolean> {
  const ring = (DeviceObject.DeviceExtension as Extension).Ring;
  const word = READ_REGISTER_ULONG(DeviceObject);
  if (ring.Count === RING_SIZE) {
    ring.Overruns = ring.Overruns + 1;
  } else {
    ring.Data[(ring.Head + ring.Count) % RING_SIZE] = word;
    ring.Count = ring.Count + 1;
  }
  await IoRequestDpc(DeviceObject, null, null);
  return true;
}

interface Transfer {
  ring: Ring;
  irp: IRP;
}

/** SynchCritSection: moves words from the ring into the read IRP; TRUE once the IRP is full. */
function fillFromRing({ ring, irp }: Transfer): boolean {
  const wanted = IoGetCurrentIrpStackLocation(irp).Parameters.Read.Length;
  const buffer = irp.AssociatedIrp.SystemBuffer;
  let filled = irp.IoStatus.Information;
  while (filled < wanted && ring.Count > 0) {
    buffer[filled] = ring.Data[ring.Head]!;
    ring.Head = (ring.Head + 1) % RING_SIZE;
    ring.Count = ring.Count - 1;
    filled = filled + 1;
  }
  irp.IoStatus.Information = filled;
  return filled === wanted;
}

/** SynchCritSection: appends a write's words to the ring (loopback); FALSE if they do not fit. */
function pushToRing({ ring, irp }: Transfer): boolean {
  const words = irp.AssociatedIrp.SystemBuffer;
  const length = IoGetCurrentIrpStackLocation(irp).Parameters.Write.Length;
  if (ring.Count + length > RING_SIZE) return false;
  for (let i = 0; i < length; i++) {
    ring.Data[(ring.Head + ring.Count) % RING_SIZE] = words[i]!;
    ring.Count = ring.Count + 1;
  }
  return true;
}

/**
 * With ReadLock held: fills pending reads, oldest first, from the ring, and
 * unlinks the ones that are full. Returns them, to complete after releasing ReadLock.
 */
async function takeFullReads(ext: Extension): Promise<IRP[]> {
  const full: IRP[] = [];
  while (!IsListEmpty(ext.PendingReads)) {
    const irp = CONTAINING_RECORD<IRP>(ext.PendingReads.Flink, 'Tail.Overlay.ListEntry');
    if (!(await KeSynchronizeExecution(ext.Interrupt, fillFromRing, { ring: ext.Ring, irp }))) break;
    RemoveHeadList(ext.PendingReads);
    full.push(irp);
  }
  return full;
}

/** Completes reads taken by takeFullReads. No spin lock may be held. */
async function completeReads(irps: readonly IRP[]): Promise<void> {
  for (const irp of irps) {
    irp.IoStatus.Status = STATUS_SUCCESS;
    await IoCompleteRequest(irp, IO_NO_INCREMENT);
  }
}

/** DISPATCH_LEVEL, on the CPU the ISR ran on. */
export async function DpcForIsr(_Dpc: KDPC, DeviceObject: DEVICE_OBJECT): Promise<void> {
  const ext = DeviceObject.DeviceExtension as Extension;
  await KeAcquireSpinLockAtDpcLevel(ext.ReadLock);
  const full = await takeFullReads(ext);
  await KeReleaseSpinLockFromDpcLevel(ext.ReadLock);
  await completeReads(full);
}

/** PASSIVE_LEVEL. A read of N words completes once N words are in its buffer. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Extension;
  Irp.IoStatus.Information = 0;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length === 0) {
    Irp.IoStatus.Status = STATUS_SUCCESS;
    await IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
  }
  IoMarkIrpPending(Irp);
  const old = await KeAcquireSpinLock(ext.ReadLock);
  InsertTailList(ext.PendingReads, Irp.Tail.Overlay.ListEntry);
  const full = await takeFullReads(ext);
  if (full.length === 0) return STATUS_PENDING; // nothing to complete yet
  await KeReleaseSpinLock(ext.ReadLock, old);
  await completeReads(full);
  return STATUS_PENDING;
}

/** PASSIVE_LEVEL. Loopback: the words written join the ring as if the device had received them. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Extension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const taken = await KeSynchronizeExecution(ext.Interrupt, pushToRing, { ring: ext.Ring, irp: Irp });
  if (taken) {
    // New words may complete waiting reads.
    const old = await KeAcquireSpinLock(ext.ReadLock);
    const full = await takeFullReads(ext);
    await KeReleaseSpinLock(ext.ReadLock, old);
    await completeReads(full);
  }
  const status = taken ? STATUS_SUCCESS : STATUS_DEVICE_BUSY;
  Irp.IoStatus.Status = status;
  Irp.IoStatus.Information = taken ? length : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return status;
}
