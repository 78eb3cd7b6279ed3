/**
 * 08-capstone — an interrupt-driven input device. See README.md for the
 * contract. Run `npx spinlab check` from this folder.
 */
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
  STATUS_NOT_IMPLEMENTED,
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

/** Shared with the ISR: touch it only in the ISR or in a routine run by KeSynchronizeExecution. */
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
  /** Storage for the interrupt spin lock (IoConnectInterrupt's SpinLock). */
  IsrLock: KSPIN_LOCK;
  Interrupt: KINTERRUPT;
  Ring: Ring;
  /** Protects PendingReads. */
  ReadLock: KSPIN_LOCK;
  /** Read IRPs waiting for words, oldest first, linked by Irp.Tail.Overlay.ListEntry. */
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
  InitializeListHead(ext.PendingReads);
  // TODO: initialize both spin locks — IsrLock before IoConnectInterrupt sees it.
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
  // TODO: append `word` to the ring (or count an overrun if it is full),
  // then queue the DPC to finish the work at DISPATCH_LEVEL.
  void ring;
  void word;
  return true;
}

/** DISPATCH_LEVEL, on the CPU the ISR ran on. */
export async function DpcForIsr(_Dpc: KDPC, DeviceObject: DEVICE_OBJECT): Promise<void> {
  // TODO: fill the pending reads, oldest first, from the ring; complete the full ones
  // (after releasing every spin lock).
  void DeviceObject;
}

/** PASSIVE_LEVEL. A read of N words completes once N words are in its buffer. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Extension;
  Irp.IoStatus.Information = 0;
  IoMarkIrpPending(Irp);
  // TODO: PendingReads belongs to ReadLock. And the ring may already hold the words
  // this read needs: no interrupt may ever come to deliver them.
  InsertTailList(ext.PendingReads, Irp.Tail.Overlay.ListEntry);
  return STATUS_PENDING;
}

/** PASSIVE_LEVEL. Loopback: the words written join the ring as if the device had received them. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  // TODO: append the words to the ring (it is shared with the ISR), serve waiting reads,
  // then complete the write with Information = the number of words.
  void DeviceObject;
  void IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  Irp.IoStatus.Status = STATUS_NOT_IMPLEMENTED;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_NOT_IMPLEMENTED;
}
