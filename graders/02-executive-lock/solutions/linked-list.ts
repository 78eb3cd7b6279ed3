/**
 * Another correct solution for 02-executive-lock: the queue is a LIST_ENTRY
 * list of records allocated from nonpaged pool, with a separate Count for
 * the bound. The record is allocated before the lock is taken and freed
 * after it is released; a record removed from the list belongs to the
 * reader alone, so reading its word after the release is safe.
 */
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
  KeAcquireSpinLock,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KSPIN_LOCK,
  LIST_ENTRY,
  POOL_FLAG_NON_PAGED,
  RemoveHeadList,
  STATUS_DEVICE_BUSY,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_NO_MORE_ENTRIES,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

const QUEUE_CAPACITY = 4;

interface DeviceExtension {
  /** Protects Queue and Count. */
  Lock: KSPIN_LOCK;
  /** Queued words, oldest first. */
  Queue: LIST_ENTRY;
  Count: number;
}

interface QueuedWord {
  Entry: LIST_ENTRY;
  Word: number;
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
  await KeInitializeSpinLock(ext.Lock);
  ext.Queue = new LIST_ENTRY();
  InitializeListHead(ext.Queue);
  ext.Count = 0;
  return STATUS_SUCCESS;
}

async function CompleteRequest(Irp: IRP, Status: NTSTATUS, Information: number): Promise<NTSTATUS> {
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = Information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return Status;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const record = await ExAllocatePool2(POOL_FLAG_NON_PAGED, { Entry: new LIST_ENTRY(), Word: Irp.AssociatedIrp.SystemBuffer[0] }, 'qwrd');
  if (record === null) return CompleteRequest(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);

  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  const full = ext.Count === QUEUE_CAPACITY;
  if (!full) {
    InsertTailList(ext.Queue, record.Entry);
    ext.Count = ext.Count + 1;
  }
  await KeReleaseSpinLock(ext.Lock, oldIrql);

  if (full) {
    await ExFreePool(record);
    return CompleteRequest(Irp, STATUS_DEVICE_BUSY, 0);
  }
  return CompleteRequest(Irp, STATUS_SUCCESS, 1);
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;

  let record: QueuedWord | null = null;
  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  if (ext.Count > 0) {
    record = CONTAINING_RECORD<QueuedWord>(RemoveHeadList(ext.Queue), 'Entry');
    ext.Count = ext.Count - 1;
  }
  await KeReleaseSpinLock(ext.Lock, oldIrql);

  if (record === null) return CompleteRequest(Irp, STATUS_NO_MORE_ENTRIES, 0);
  Irp.AssociatedIrp.SystemBuffer[0] = record.Word;
  await ExFreePool(record);
  return CompleteRequest(Irp, STATUS_SUCCESS, 1);
}
