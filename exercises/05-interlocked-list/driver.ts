/**
 * 05-interlocked-list — a producer/consumer work list.
 *
 * DispatchWrite turns every word of a write into a WORK_ITEM and appends it
 * to ext.WorkList; WorkDpc (and DispatchRead, before it reports) take items
 * off the list and add them to the statistics. The list is shared by several
 * CPUs at PASSIVE_LEVEL and DISPATCH_LEVEL: handle it only with the
 * ExInterlocked routines. See README.md for the full contract.
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
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

interface DeviceExtension {
  /** Protects WorkList. Pass it only to ExInterlocked routines. */
  ListLock: KSPIN_LOCK;
  /** The work list: WORK_ITEMs linked through their Entry field. */
  WorkList: LIST_ENTRY;
  /** Drains WorkList at DISPATCH_LEVEL. */
  WorkDpc: KDPC;
  /** Protects Processed and Total. */
  StatsLock: KSPIN_LOCK;
  /** How many work items have been processed. */
  Processed: number;
  /** The sum of the processed items' values. */
  Total: number;
}

/** One unit of work, allocated from nonpaged pool. */
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
  // TODO: initialize both spin locks and the list head, before anything can use them.
  await KeInitializeDpc(ext.WorkDpc, WorkDpc, ext);
  return STATUS_SUCCESS;
}

async function complete(Irp: IRP, Status: NTSTATUS, Information: number): Promise<NTSTATUS> {
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = Information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return Status;
}

/** IRP_MJ_WRITE, PASSIVE_LEVEL: one WORK_ITEM per word, appended to the work list. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const data = Irp.AssociatedIrp.SystemBuffer;
  let queued = 0;
  for (let i = 0; i < words; i++) {
    // TODO: allocate a WORK_ITEM { Entry: new LIST_ENTRY(), Value: data[i] } from nonpaged pool
    //       and append it to ext.WorkList; count it in `queued`.
  }
  await KeInsertQueueDpc(ext.WorkDpc, null, null);
  return complete(Irp, STATUS_SUCCESS, queued);
}

/** The DPC, DISPATCH_LEVEL: process every item on the work list. */
export async function WorkDpc(_Dpc: KDPC, ext: DeviceExtension): Promise<void> {
  // TODO: take items off ext.WorkList until it is empty; for each, add 1 to Processed
  //       and its Value to Total (under ext.StatsLock), then free it.
}

/** IRP_MJ_READ, PASSIVE_LEVEL: process what is still waiting, then report [Processed, Total]. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 2) return complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  // TODO: process the items still on the list, as WorkDpc does.
  const out = Irp.AssociatedIrp.SystemBuffer;
  // TODO: copy the statistics under ext.StatsLock.
  out[0] = ext.Processed;
  out[1] = ext.Total;
  return complete(Irp, STATUS_SUCCESS, 2);
}
