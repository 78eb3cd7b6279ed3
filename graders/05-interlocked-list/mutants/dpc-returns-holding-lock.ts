// fails: every-item-processed-once, locks-released-before-return, requests-answered, work-list-drained
// WorkDpc takes ext.StatsLock once around the whole drain loop and returns from inside the loop when the list is empty, still holding it.
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
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeDpc,
  KeInitializeSpinLock,
  KeInsertQueueDpc,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
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
  ext.ListLock = new KSPIN_LOCK();
  ext.StatsLock = new KSPIN_LOCK();
  ext.WorkList = new LIST_ENTRY();
  ext.WorkDpc = new KDPC();
  ext.Processed = 0;
  ext.Total = 0;
  await KeInitializeSpinLock(ext.ListLock);
  await KeInitializeSpinLock(ext.StatsLock);
  InitializeListHead(ext.WorkList);
  await KeInitializeDpc(ext.WorkDpc, WorkDpc, ext);
  return STATUS_SUCCESS;
}

async function complete(Irp: IRP, Status: NTSTATUS, Information: number): Promise<NTSTATUS> {
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = Information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return Status;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const data = Irp.AssociatedIrp.SystemBuffer;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  let queued = 0;
  for (let i = 0; i < length; i++) {
    const item = await ExAllocatePool2(POOL_FLAG_NON_PAGED, { Entry: new LIST_ENTRY(), Value: data[i]! }, 'krow');
    if (item === null) break;
    await ExInterlockedInsertTailList(ext.WorkList, item.Entry, ext.ListLock);
    queued++;
  }
  await KeInsertQueueDpc(ext.WorkDpc, null, null);
  return complete(Irp, queued === length ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES, queued);
}

export async function WorkDpc(_Dpc: KDPC, ext: DeviceExtension): Promise<void> {
  await KeAcquireSpinLockAtDpcLevel(ext.StatsLock);
  for (;;) {
    const entry = await ExInterlockedRemoveHeadList(ext.WorkList, ext.ListLock);
    if (entry === null) return;
    const item = CONTAINING_RECORD<WORK_ITEM>(entry, 'Entry');
    ext.Processed += 1;
    ext.Total += item.Value;
    await ExFreePool(item);
  }
  await KeReleaseSpinLockFromDpcLevel(ext.StatsLock);
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const out = Irp.AssociatedIrp.SystemBuffer;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 2) return complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  // Flush: process whatever is still waiting, at PASSIVE_LEVEL.
  for (;;) {
    const entry = await ExInterlockedRemoveHeadList(ext.WorkList, ext.ListLock);
    if (entry === null) break;
    const item = CONTAINING_RECORD<WORK_ITEM>(entry, 'Entry');
    const old = await KeAcquireSpinLock(ext.StatsLock);
    ext.Processed += 1;
    ext.Total += item.Value;
    await KeReleaseSpinLock(ext.StatsLock, old);
    await ExFreePool(item);
  }
  const old = await KeAcquireSpinLock(ext.StatsLock);
  out[0] = ext.Processed;
  out[1] = ext.Total;
  await KeReleaseSpinLock(ext.StatsLock, old);
  return complete(Irp, STATUS_SUCCESS, 2);
}
