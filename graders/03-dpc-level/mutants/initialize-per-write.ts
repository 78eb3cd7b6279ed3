// fails: lock-initialized-once, shared-state-locked
// DispatchWrite calls KeInitializeSpinLock on ext.Lock again before each use, although AddDevice initialized it and another CPU may hold it.
import {
  CONTAINING_RECORD,
  ExAllocatePool2,
  ExFreePool,
  IO_NO_INCREMENT,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  InitializeListHead,
  InsertTailList,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IsListEmpty,
  KDPC,
  KSPIN_LOCK,
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeDpc,
  KeInitializeSpinLock,
  KeInsertQueueDpc,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
  LIST_ENTRY,
  POOL_FLAG_NON_PAGED,
  RemoveHeadList,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** The device extension. Every field below Lock is protected by Lock. */
interface DeviceExtension {
  Lock: KSPIN_LOCK;
  /** WORK_ITEMs waiting for the DPC. */
  Queue: LIST_ENTRY;
  Dpc: KDPC;
  /** Values queued by DispatchWrite. */
  Queued: number;
  /** Work items the DPC has processed. */
  Drained: number;
  /** Sum of the values the DPC has processed. */
  Total: number;
}

/** One queued value. */
interface WORK_ITEM {
  Entry: LIST_ENTRY;
  Value: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.Lock = new KSPIN_LOCK();
  ext.Queue = new LIST_ENTRY();
  ext.Dpc = new KDPC();
  ext.Queued = 0;
  ext.Drained = 0;
  ext.Total = 0;
  await KeInitializeSpinLock(ext.Lock);
  InitializeListHead(ext.Queue);
  await KeInitializeDpc(ext.Dpc, DrainDpc, ext);
  return STATUS_SUCCESS;
}

/** PASSIVE_LEVEL: queues one work item per value, then queues the DPC. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const values = Irp.AssociatedIrp.SystemBuffer;
  let status = STATUS_SUCCESS;
  let queued = 0;
  await KeInitializeSpinLock(ext.Lock);
  for (let i = 0; i < length; i++) {
    const item = await ExAllocatePool2(POOL_FLAG_NON_PAGED, { Entry: new LIST_ENTRY(), Value: values[i]! }, 'krow');
    if (item === null) {
      status = STATUS_INSUFFICIENT_RESOURCES;
      break;
    }
    const oldIrql = await KeAcquireSpinLock(ext.Lock);
    InsertTailList(ext.Queue, item.Entry);
    ext.Queued = ext.Queued + 1;
    await KeReleaseSpinLock(ext.Lock, oldIrql);
    queued++;
  }
  if (queued > 0) await KeInsertQueueDpc(ext.Dpc, null, null);
  Irp.IoStatus.Status = status;
  Irp.IoStatus.Information = queued;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return status;
}

/** PASSIVE_LEVEL: returns [Queued, Drained, Total], read together under the lock. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 3) {
    Irp.IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
    Irp.IoStatus.Information = 0;
    await IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_BUFFER_TOO_SMALL;
  }
  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  const queued = ext.Queued;
  const drained = ext.Drained;
  const total = ext.Total;
  await KeReleaseSpinLock(ext.Lock, oldIrql);
  const buffer = Irp.AssociatedIrp.SystemBuffer;
  buffer[0] = queued;
  buffer[1] = drained;
  buffer[2] = total;
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = 3;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

/** DISPATCH_LEVEL: drains the queue, one item per acquisition. */
export async function DrainDpc(_Dpc: KDPC, DeferredContext: unknown): Promise<void> {
  const ext = DeferredContext as DeviceExtension;
  for (;;) {
    await KeAcquireSpinLockAtDpcLevel(ext.Lock);
    if (IsListEmpty(ext.Queue)) {
      await KeReleaseSpinLockFromDpcLevel(ext.Lock);
      return;
    }
    const item = CONTAINING_RECORD<WORK_ITEM>(RemoveHeadList(ext.Queue), 'Entry');
    ext.Drained = ext.Drained + 1;
    ext.Total = ext.Total + item.Value;
    await KeReleaseSpinLockFromDpcLevel(ext.Lock);
    await ExFreePool(item);
  }
}
