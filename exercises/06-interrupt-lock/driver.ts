/**
 * 06-interrupt-lock — data shared with an ISR.
 *
 * The device interrupts once per data word. Isr records the word in the
 * ISR-shared fields of the device extension and queues DpcForIsr, which moves
 * what is pending into the totals. DispatchWrite submits requests that the
 * ISR answers; DispatchRead reports the totals. Code outside the ISR may
 * touch the ISR-shared fields only while holding the interrupt spin lock:
 * through KeSynchronizeExecution. See README.md for the full contract.
 */
import {
  IO_NO_INCREMENT,
  IoCompleteRequest,
  IoConnectInterrupt,
  IoGetCurrentIrpStackLocation,
  IoInitializeDpcRequest,
  IoRequestDpc,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
  KeSynchronizeExecution,
  KSPIN_LOCK,
  READ_REGISTER_ULONG,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type KDPC,
  type KINTERRUPT,
  type NTSTATUS,
} from 'spinlab/kernel';

interface DeviceExtension {
  /** Storage for the interrupt spin lock, passed to IoConnectInterrupt as SpinLock. */
  IsrLock: KSPIN_LOCK;
  /** The interrupt object IoConnectInterrupt returned. */
  Interrupt: KINTERRUPT;

  // ISR-shared: touch these only in Isr or in a routine run by KeSynchronizeExecution.
  /** Interrupts the ISR has seen that DpcForIsr has not taken yet. */
  PendingCount: number;
  /** The sum of their data words. */
  PendingSum: number;
  /** Requests written and not yet answered by an interrupt. */
  Outstanding: number;
  /** Requests answered so far. */
  Answered: number;

  // The totals: touch these only while holding DpcLock.
  /** Protects Count and Sum. */
  DpcLock: KSPIN_LOCK;
  /** Interrupts handled by DpcForIsr. */
  Count: number;
  /** The sum of their data words. */
  Sum: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.PendingCount = 0;
  ext.PendingSum = 0;
  ext.Outstanding = 0;
  ext.Answered = 0;
  ext.Count = 0;
  ext.Sum = 0;
  ext.DpcLock = new KSPIN_LOCK();
  ext.IsrLock = new KSPIN_LOCK();
  // TODO: both spin locks must be initialized before anything uses them — IsrLock before IoConnectInterrupt.
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

/** The ISR: DIRQL, holding the interrupt spin lock. */
export async function Isr(_Interrupt: KINTERRUPT, DeviceObject: DEVICE_OBJECT): Promise<boolean> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const data = READ_REGISTER_ULONG(DeviceObject);
  // TODO: count this interrupt and its data word in PendingCount and PendingSum;
  //       if a request is outstanding, answer it (Outstanding - 1, Answered + 1).
  await IoRequestDpc(DeviceObject, null, null);
  return true;
}

/** DpcForIsr: DISPATCH_LEVEL, queued by the ISR. */
export async function DpcForIsr(_Dpc: KDPC, DeviceObject: DEVICE_OBJECT, _Irp: IRP | null, _Context: unknown): Promise<void> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  // TODO: take PendingCount and PendingSum (and reset them) through KeSynchronizeExecution,
  //       then add what you took to Count and Sum under DpcLock.
}

async function complete(Irp: IRP, Status: NTSTATUS, Information: number): Promise<NTSTATUS> {
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = Information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return Status;
}

/** IRP_MJ_WRITE, PASSIVE_LEVEL: every word written is one request for the device. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  // TODO: Outstanding is shared with the ISR: update it through KeSynchronizeExecution.
  ext.Outstanding += words;
  return complete(Irp, STATUS_SUCCESS, words);
}

/** IRP_MJ_READ, PASSIVE_LEVEL: reports [Count, Sum, Answered]. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 3) return complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  const out = Irp.AssociatedIrp.SystemBuffer;
  // TODO: copy Count and Sum under DpcLock, and Answered through KeSynchronizeExecution.
  out[0] = ext.Count;
  out[1] = ext.Sum;
  out[2] = ext.Answered;
  return complete(Irp, STATUS_SUCCESS, 3);
}
