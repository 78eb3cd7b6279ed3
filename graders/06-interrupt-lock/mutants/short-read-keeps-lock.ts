// fails: every-interrupt-handled, locks-released-before-return, no-completion-under-lock, no-interrupt-self-deadlock, requests-accounted, requests-answered
// DispatchRead takes ext.DpcLock before checking the buffer length and returns on the too-short path without releasing it.
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
  IsrLock: KSPIN_LOCK;
  Interrupt: KINTERRUPT;
  // ISR-shared: only in Isr or in a SynchCritSection routine.
  PendingCount: number;
  PendingSum: number;
  Outstanding: number;
  Answered: number;
  // DPC totals, under DpcLock.
  DpcLock: KSPIN_LOCK;
  Count: number;
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
  await KeInitializeSpinLock(ext.DpcLock);
  ext.IsrLock = new KSPIN_LOCK();
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
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const data = READ_REGISTER_ULONG(DeviceObject);
  ext.PendingCount += 1;
  ext.PendingSum += data;
  if (ext.Outstanding > 0) {
    ext.Outstanding -= 1;
    ext.Answered += 1;
  }
  await IoRequestDpc(DeviceObject, null, null);
  return true;
}

interface Taken {
  ext: DeviceExtension;
  count: number;
  sum: number;
}

/** SynchCritSection: moves what the ISR recorded into `taken`. */
function TakePending(taken: Taken): boolean {
  taken.count = taken.ext.PendingCount;
  taken.sum = taken.ext.PendingSum;
  taken.ext.PendingCount = 0;
  taken.ext.PendingSum = 0;
  return true;
}

/** DISPATCH_LEVEL. */
export async function DpcForIsr(_Dpc: KDPC, DeviceObject: DEVICE_OBJECT, _Irp: IRP | null, _Context: unknown): Promise<void> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const taken: Taken = { ext, count: 0, sum: 0 };
  await KeSynchronizeExecution(ext.Interrupt, TakePending, taken);
  if (taken.count === 0) return;
  await KeAcquireSpinLockAtDpcLevel(ext.DpcLock);
  ext.Count += taken.count;
  ext.Sum += taken.sum;
  await KeReleaseSpinLockFromDpcLevel(ext.DpcLock);
}

async function complete(Irp: IRP, Status: NTSTATUS, Information: number): Promise<NTSTATUS> {
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = Information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return Status;
}

/** SynchCritSection: submits requests to the device. */
function SubmitRequests(request: { ext: DeviceExtension; words: number }): boolean {
  request.ext.Outstanding += request.words;
  return true;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  await KeSynchronizeExecution(ext.Interrupt, SubmitRequests, { ext, words });
  return complete(Irp, STATUS_SUCCESS, words);
}

/** SynchCritSection: reads Answered into `snapshot`. */
function ReadAnswered(snapshot: { ext: DeviceExtension; answered: number }): boolean {
  snapshot.answered = snapshot.ext.Answered;
  return true;
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const old = await KeAcquireSpinLock(ext.DpcLock);
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 3) return complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  const out = Irp.AssociatedIrp.SystemBuffer;
  out[0] = ext.Count;
  out[1] = ext.Sum;
  await KeReleaseSpinLock(ext.DpcLock, old);
  const snapshot = { ext, answered: 0 };
  await KeSynchronizeExecution(ext.Interrupt, ReadAnswered, snapshot);
  out[2] = snapshot.answered;
  return complete(Irp, STATUS_SUCCESS, 3);
}
