/**
 * Another correct solution for 06-interrupt-lock: instead of
 * KeSynchronizeExecution, every routine outside the ISR brackets its access
 * with KeAcquireInterruptSpinLock / KeReleaseInterruptSpinLock. The ISR
 * queues a KDPC of its own with KeInsertQueueDpc (not IoRequestDpc), and the
 * DPC totals Count and Sum are kept under the interrupt lock as well, so
 * there is no executive spin lock at all.
 */
import {
  IO_NO_INCREMENT,
  IoCompleteRequest,
  IoConnectInterrupt,
  IoGetCurrentIrpStackLocation,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  KDPC,
  KeAcquireInterruptSpinLock,
  KeInitializeDpc,
  KeInitializeSpinLock,
  KeInsertQueueDpc,
  KeReleaseInterruptSpinLock,
  KSPIN_LOCK,
  READ_REGISTER_ULONG,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type KINTERRUPT,
  type NTSTATUS,
} from 'spinlab/kernel';

interface DeviceExtension {
  IsrLock: KSPIN_LOCK;
  Interrupt: KINTERRUPT;
  IsrDpc: KDPC;
  PendingCount: number;
  PendingSum: number;
  Outstanding: number;
  Answered: number;
  Count: number;
  Sum: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.DriverExtension.AddDevice = AddDevice;
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.IsrLock = new KSPIN_LOCK();
  ext.IsrDpc = new KDPC();
  ext.PendingCount = 0;
  ext.PendingSum = 0;
  ext.Outstanding = 0;
  ext.Answered = 0;
  ext.Count = 0;
  ext.Sum = 0;
  await KeInitializeDpc(ext.IsrDpc, IsrDpcRoutine, DeviceObject);
  await KeInitializeSpinLock(ext.IsrLock);
  const connected = await IoConnectInterrupt({
    ServiceRoutine: Isr,
    ServiceContext: DeviceObject,
    SpinLock: ext.IsrLock,
    Vector: DeviceObject.Resources.Vector,
    Irql: DeviceObject.Resources.Level,
    SynchronizeIrql: DeviceObject.Resources.Level,
  });
  if (connected.InterruptObject === null) return connected.Status;
  ext.Interrupt = connected.InterruptObject;
  return STATUS_SUCCESS;
}

export async function Isr(_Interrupt: KINTERRUPT, DeviceObject: DEVICE_OBJECT): Promise<boolean> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.PendingCount = ext.PendingCount + 1;
  ext.PendingSum = ext.PendingSum + READ_REGISTER_ULONG(DeviceObject);
  if (ext.Outstanding !== 0) {
    ext.Outstanding = ext.Outstanding - 1;
    ext.Answered = ext.Answered + 1;
  }
  await KeInsertQueueDpc(ext.IsrDpc, null, null);
  return true;
}

export async function IsrDpcRoutine(_Dpc: KDPC, DeviceObject: DEVICE_OBJECT): Promise<void> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const oldIrql = await KeAcquireInterruptSpinLock(ext.Interrupt);
  ext.Count = ext.Count + ext.PendingCount;
  ext.Sum = ext.Sum + ext.PendingSum;
  ext.PendingCount = 0;
  ext.PendingSum = 0;
  await KeReleaseInterruptSpinLock(ext.Interrupt, oldIrql);
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const requests = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const oldIrql = await KeAcquireInterruptSpinLock(ext.Interrupt);
  ext.Outstanding = ext.Outstanding + requests;
  await KeReleaseInterruptSpinLock(ext.Interrupt, oldIrql);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = requests;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  let status = STATUS_BUFFER_TOO_SMALL;
  let information = 0;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length >= 3) {
    const oldIrql = await KeAcquireInterruptSpinLock(ext.Interrupt);
    const count = ext.Count;
    const sum = ext.Sum;
    const answered = ext.Answered;
    await KeReleaseInterruptSpinLock(ext.Interrupt, oldIrql);
    const out = Irp.AssociatedIrp.SystemBuffer;
    out[0] = count;
    out[1] = sum;
    out[2] = answered;
    status = STATUS_SUCCESS;
    information = 3;
  }
  Irp.IoStatus.Status = status;
  Irp.IoStatus.Information = information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return status;
}
