/**
 * Exercise 02-executive-lock — your driver.
 *
 * The device is a first-in, first-out queue of at most QUEUE_CAPACITY
 * words. DispatchWrite puts the word a write carries at the tail;
 * DispatchRead takes the word at the head. Writers and readers run on all
 * four CPUs at once, so every look at the queue must happen under ext.Lock —
 * and every path out of a routine, the error paths too, must release it.
 *
 * The queue logic below is correct for one CPU. Your job is the locking.
 * Run `npx spinlab check` in this folder to see what spinlab finds.
 */
import {
  IO_NO_INCREMENT,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  IoCompleteRequest,
  KeAcquireSpinLock,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KSPIN_LOCK,
  STATUS_DEVICE_BUSY,
  STATUS_NO_MORE_ENTRIES,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** How many words the queue holds. */
const QUEUE_CAPACITY = 4;

interface DeviceExtension {
  /** Protects Items, Head and Count. */
  Lock: KSPIN_LOCK;
  /** The ring buffer: the queued words are Items[Head], Items[(Head + 1) % QUEUE_CAPACITY], … */
  Items: number[];
  /** Index of the oldest word. */
  Head: number;
  /** How many words are queued (0 … QUEUE_CAPACITY). */
  Count: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

/** Runs once, at PASSIVE_LEVEL, before the device receives any request. */
export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  ext.Lock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.Lock);
  ext.Items = new Array<number>(QUEUE_CAPACITY).fill(0);
  ext.Head = 0;
  ext.Count = 0;
  return STATUS_SUCCESS;
}

/** Fills in the IRP's status block and completes it. Call it only when no spin lock is held. */
async function CompleteRequest(Irp: IRP, Status: NTSTATUS, Information: number): Promise<NTSTATUS> {
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = Information;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return Status;
}

/** PASSIVE_LEVEL, in the writing thread, on any CPU. The word to queue is SystemBuffer[0]. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;
  const word = Irp.AssociatedIrp.SystemBuffer[0];

  // TODO: take ext.Lock here (KeAcquireSpinLock returns the OldIrql to give back).
  if (ext.Count === QUEUE_CAPACITY) {
    // TODO: the queue is full — release the lock before completing.
    return CompleteRequest(Irp, STATUS_DEVICE_BUSY, 0);
  }
  ext.Items[(ext.Head + ext.Count) % QUEUE_CAPACITY] = word;
  ext.Count = ext.Count + 1;
  // TODO: release ext.Lock here, with the OldIrql the acquire returned.

  return CompleteRequest(Irp, STATUS_SUCCESS, 1);
}

/** PASSIVE_LEVEL, in the reading thread, on any CPU. Puts the word read in SystemBuffer[0]. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;

  // TODO: take ext.Lock here.
  if (ext.Count === 0) {
    // TODO: the queue is empty — release the lock before completing.
    return CompleteRequest(Irp, STATUS_NO_MORE_ENTRIES, 0);
  }
  const word = ext.Items[ext.Head];
  ext.Head = (ext.Head + 1) % QUEUE_CAPACITY;
  ext.Count = ext.Count - 1;
  // TODO: release ext.Lock here. After the release, use only your local copy
  //       (`word`): the queue may already be changing on another CPU.

  Irp.AssociatedIrp.SystemBuffer[0] = word;
  return CompleteRequest(Irp, STATUS_SUCCESS, 1);
}
