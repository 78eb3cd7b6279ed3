// fails: complete-after-release, completion-status, irps-completed, no-hang, nothing-lost, release-on-every-path
// When the queue is empty, DispatchRead completes the IRP with STATUS_NO_MORE_ENTRIES and returns without releasing the lock.
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
  /** The ring buffer. */
  Items: number[];
  /** Index of the oldest word. */
  Head: number;
  /** How many words are queued. */
  Count: number;
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
  ext.Items = new Array<number>(QUEUE_CAPACITY).fill(0);
  ext.Head = 0;
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
  const word = Irp.AssociatedIrp.SystemBuffer[0];

  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  if (ext.Count === QUEUE_CAPACITY) {
    await KeReleaseSpinLock(ext.Lock, oldIrql);
    return CompleteRequest(Irp, STATUS_DEVICE_BUSY, 0);
  }
  ext.Items[(ext.Head + ext.Count) % QUEUE_CAPACITY] = word;
  ext.Count = ext.Count + 1;
  await KeReleaseSpinLock(ext.Lock, oldIrql);

  return CompleteRequest(Irp, STATUS_SUCCESS, 1);
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as DeviceExtension;

  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  if (ext.Count === 0) {
    return CompleteRequest(Irp, STATUS_NO_MORE_ENTRIES, 0);
  }
  const word = ext.Items[ext.Head];
  ext.Head = (ext.Head + 1) % QUEUE_CAPACITY;
  ext.Count = ext.Count - 1;
  await KeReleaseSpinLock(ext.Lock, oldIrql);

  Irp.AssociatedIrp.SystemBuffer[0] = word;
  return CompleteRequest(Irp, STATUS_SUCCESS, 1);
}
