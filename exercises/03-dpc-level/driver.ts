/**
 * Exercise 03-dpc-level — your driver.
 *
 * DispatchWrite (PASSIVE_LEVEL) queues one work item per value it receives
 * and queues a DPC; DrainDpc (DISPATCH_LEVEL) drains the queue and counts
 * what it drained; DispatchRead (PASSIVE_LEVEL) reports the counters. All of
 * it shares ext.Queue and the counters across four CPUs, so it all needs
 * ext.Lock — taken with the right pair of routines for the IRQL each routine
 * runs at. See README.md for the contract.
 *
 * The routines you need are already imported. Run `npx spinlab check` in
 * this folder to see what spinlab finds.
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

/** What the driver keeps per device. Everything below Lock is protected by Lock. */
interface DeviceExtension {
  Lock: KSPIN_LOCK;
  /** WORK_ITEMs waiting for the DPC. */
  Queue: LIST_ENTRY;
  /** The DPC that drains Queue (routine: DrainDpc, context: the extension). */
  Dpc: KDPC;
  /** Values DispatchWrite has queued. */
  Queued: number;
  /** Work items DrainDpc has taken off the queue. */
  Drained: number;
  /** The sum of the values DrainDpc has taken off the queue. */
  Total: number;
}

/** One queued value, allocated from nonpaged pool. */
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

/** Runs once, at PASSIVE_LEVEL, before the device receives any request. (Complete.) */
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

/**
 * PASSIVE_LEVEL, in the writing thread, on any CPU. Queues one WORK_ITEM per
 * value in the buffer, then queues the DPC, then completes the IRP.
 */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const length = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const values = Irp.AssociatedIrp.SystemBuffer;
  let status = STATUS_SUCCESS;
  let queued = 0;
  for (let i = 0; i < length; i++) {
    const item = await ExAllocatePool2(POOL_FLAG_NON_PAGED, { Entry: new LIST_ENTRY(), Value: values[i]! }, 'krow');
    if (item === null) {
      status = STATUS_INSUFFICIENT_RESOURCES;
      break;
    }
    // TODO: this runs at PASSIVE_LEVEL while other CPUs use ext.Queue and
    //       ext.Queued. Take ext.Lock with the pair meant for code below
    //       DISPATCH_LEVEL, and give the release the OldIrql the acquire returned.
    InsertTailList(ext.Queue, item.Entry);
    ext.Queued = ext.Queued + 1;
    queued++;
  }
  if (queued > 0) await KeInsertQueueDpc(ext.Dpc, null, null);
  Irp.IoStatus.Status = status;
  Irp.IoStatus.Information = queued;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return status;
}

/** PASSIVE_LEVEL, in the reading thread. Returns [Queued, Drained, Total]. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 3) {
    Irp.IoStatus.Status = STATUS_BUFFER_TOO_SMALL;
    Irp.IoStatus.Information = 0;
    await IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_BUFFER_TOO_SMALL;
  }
  // TODO: read the three counters together, holding ext.Lock (same pair as
  //       in DispatchWrite). Complete the IRP only after releasing it.
  const queued = ext.Queued;
  const drained = ext.Drained;
  const total = ext.Total;
  const buffer = Irp.AssociatedIrp.SystemBuffer;
  buffer[0] = queued;
  buffer[1] = drained;
  buffer[2] = total;
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = 3;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

/**
 * DISPATCH_LEVEL, on the CPU that queued the DPC — possibly on two CPUs at
 * once. Drains ext.Queue: counts each item in Drained and Total, frees it.
 */
export async function DrainDpc(_Dpc: KDPC, DeferredContext: unknown): Promise<void> {
  const ext = DeferredContext as DeviceExtension;
  // TODO: a DPC already runs at DISPATCH_LEVEL: take ext.Lock with the pair
  //       meant for that, around each look at the queue and the counters.
  //       Release it on every path out of the loop, and free the item after
  //       releasing.
  while (!IsListEmpty(ext.Queue)) {
    const item = CONTAINING_RECORD<WORK_ITEM>(RemoveHeadList(ext.Queue), 'Entry');
    ext.Drained = ext.Drained + 1;
    ext.Total = ext.Total + item.Value;
    await ExFreePool(item);
  }
}
