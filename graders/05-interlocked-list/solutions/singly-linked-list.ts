/**
 * Another correct solution for 05-interlocked-list: a LIFO singly linked work
 * list with ExInterlockedPushEntryList / ExInterlockedPopEntryList, and the
 * statistics kept with ExInterlockedAddUlong under ext.StatsLock (so both
 * locks are used only by ExInterlocked routines and no Ke*SpinLock call is
 * needed at all). Reads take each counter with an atomic add of 0.
 */
import {
  CONTAINING_RECORD,
  ExAllocatePool2,
  ExFreePool,
  ExInterlockedAddUlong,
  ExInterlockedPopEntryList,
  ExInterlockedPushEntryList,
  IO_NO_INCREMENT,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  KDPC,
  KeInitializeDpc,
  KeInitializeSpinLock,
  KeInsertQueueDpc,
  KSPIN_LOCK,
  POOL_FLAG_NON_PAGED,
  SINGLE_LIST_ENTRY,
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
  WorkList: SINGLE_LIST_ENTRY;
  WorkDpc: KDPC;
  StatsLock: KSPIN_LOCK;
  Processed: number;
  Total: number;
}

interface WORK_ITEM {
  Link: SINGLE_LIST_ENTRY;
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
  ext.Processed = 0;
  ext.Total = 0;
  ext.WorkList = new SINGLE_LIST_ENTRY(); // starts empty: Next is null
  ext.ListLock = new KSPIN_LOCK();
  ext.StatsLock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.ListLock);
  await KeInitializeSpinLock(ext.StatsLock);
  ext.WorkDpc = new KDPC();
  await KeInitializeDpc(ext.WorkDpc, WorkDpc, DeviceObject);
  return STATUS_SUCCESS;
}

/** Takes one item off the list and accounts for it; false when the list is empty. */
async function processOne(ext: DeviceExtension): Promise<boolean> {
  const link = await ExInterlockedPopEntryList(ext.WorkList, ext.ListLock);
  if (link === null) return false;
  const item = CONTAINING_RECORD<WORK_ITEM>(link, 'Link');
  const value = item.Value;
  await ExFreePool(item);
  await ExInterlockedAddUlong(ext, 'Total', value, ext.StatsLock);
  await ExInterlockedAddUlong(ext, 'Processed', 1, ext.StatsLock);
  return true;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  let status = STATUS_SUCCESS;
  let queued = 0;
  while (queued < words) {
    const item = await ExAllocatePool2(POOL_FLAG_NON_PAGED, { Link: new SINGLE_LIST_ENTRY(), Value: Irp.AssociatedIrp.SystemBuffer[queued]! }, 'krow');
    if (item === null) {
      status = STATUS_INSUFFICIENT_RESOURCES;
      break;
    }
    await ExInterlockedPushEntryList(ext.WorkList, item.Link, ext.ListLock);
    queued++;
  }
  if (queued > 0) await KeInsertQueueDpc(ext.WorkDpc, null, null);
  Irp.IoStatus.Status = status;
  Irp.IoStatus.Information = queued;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return status;
}

export async function WorkDpc(_Dpc: KDPC, DeviceObject: DEVICE_OBJECT): Promise<void> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  while (await processOne(ext)) {
    // keep draining
  }
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  let status = STATUS_SUCCESS;
  let information = 0;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 2) {
    status = STATUS_BUFFER_TOO_SMALL;
  } else {
    while (await processOne(ext)) {
      // flush what the DPC has not taken yet
    }
    const out = Irp.AssociatedIrp.SystemBuffer;
    out[0] = await ExInterlockedAddUlong(ext, 'Processed', 0, ext.StatsLock);
    out[1] = await ExInterlockedAddUlong(ext, 'Total', 0, ext.StatsLock);
    information = 2;
  }
  Irp.IoStatus.Status = status;
  Irp.IoStatus.Information = information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return status;
}
