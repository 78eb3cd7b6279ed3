/**
 * Another correct solution for 05-interlocked-list: the work list as in the
 * reference (ExInterlockedInsertTailList / ExInterlockedRemoveHeadList), but
 * the statistics under an in-stack queued spin lock, taken by one helper that
 * both WorkDpc (DISPATCH_LEVEL) and DispatchRead (PASSIVE_LEVEL) call — the
 * non-AtDpcLevel form is valid at either IRQL. The DPC's context is the
 * device object rather than the extension.
 */
import {
  CONTAINING_RECORD,
  ExAllocatePool2,
  ExFreePool,
  ExInterlockedInsertTailList,
  ExInterlockedRemoveHeadList,
  InitializeListHead,
  IO_NO_INCREMENT,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  KDPC,
  KeAcquireInStackQueuedSpinLock,
  KeInitializeDpc,
  KeInitializeSpinLock,
  KeInsertQueueDpc,
  KeReleaseInStackQueuedSpinLock,
  KLOCK_QUEUE_HANDLE,
  KSPIN_LOCK,
  LIST_ENTRY,
  POOL_FLAG_NON_PAGED,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

interface DeviceExtension {
  ListLock: KSPIN_LOCK;
  WorkList: LIST_ENTRY;
  WorkDpc: KDPC;
  StatsLock: KSPIN_LOCK;
  Processed: number;
  Total: number;
}

interface WORK_ITEM {
  ListEntry: LIST_ENTRY;
  Value: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.DriverExtension.AddDevice = AddDevice;
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.StatsLock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.StatsLock);
  ext.Processed = 0;
  ext.Total = 0;
  ext.ListLock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.ListLock);
  ext.WorkList = new LIST_ENTRY();
  InitializeListHead(ext.WorkList);
  ext.WorkDpc = new KDPC();
  await KeInitializeDpc(ext.WorkDpc, WorkDpc, DeviceObject);
  return STATUS_SUCCESS;
}

/** Adds one processed item to the statistics. Any IRQL ≤ DISPATCH_LEVEL. */
async function account(ext: DeviceExtension, value: number): Promise<void> {
  const handle = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.StatsLock, handle);
  ext.Processed = ext.Processed + 1;
  ext.Total = ext.Total + value;
  await KeReleaseInStackQueuedSpinLock(handle);
}

/** Processes every item on the work list. */
async function drain(ext: DeviceExtension): Promise<void> {
  let entry = await ExInterlockedRemoveHeadList(ext.WorkList, ext.ListLock);
  while (entry !== null) {
    const item = CONTAINING_RECORD<WORK_ITEM>(entry, 'ListEntry');
    await account(ext, item.Value);
    await ExFreePool(item);
    entry = await ExInterlockedRemoveHeadList(ext.WorkList, ext.ListLock);
  }
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const input = Irp.AssociatedIrp.SystemBuffer;
  let status = STATUS_SUCCESS;
  let n = 0;
  for (; n < words; n++) {
    const item = await ExAllocatePool2(POOL_FLAG_NON_PAGED, { ListEntry: new LIST_ENTRY(), Value: input[n]! }, 'krow');
    if (item === null) {
      status = STATUS_INSUFFICIENT_RESOURCES;
      break;
    }
    await ExInterlockedInsertTailList(ext.WorkList, item.ListEntry, ext.ListLock);
  }
  await KeInsertQueueDpc(ext.WorkDpc, null, null);
  Irp.IoStatus.Status = status;
  Irp.IoStatus.Information = n;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return status;
}

export async function WorkDpc(_Dpc: KDPC, DeviceObject: DEVICE_OBJECT): Promise<void> {
  await drain(DeviceObject.DeviceExtension as DeviceExtension);
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 2) {
    Irp.IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
    Irp.IoStatus.Information = 0;
    await IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_BUFFER_TOO_SMALL;
  }
  await drain(ext);
  const handle = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.StatsLock, handle);
  const processed = ext.Processed;
  const total = ext.Total;
  await KeReleaseInStackQueuedSpinLock(handle);
  Irp.AssociatedIrp.SystemBuffer[0] = processed;
  Irp.AssociatedIrp.SystemBuffer[1] = total;
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = 2;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
