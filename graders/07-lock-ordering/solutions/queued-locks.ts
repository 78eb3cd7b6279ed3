/**
 * Another correct solution for 07-lock-ordering: in-stack queued spin locks
 * for both locks (ListLock is the hub's hot lock: queued waiters are served
 * first come, first served), in the same hierarchy as the reference —
 * ListLock first, then a port's Lock. Each acquisition has its own
 * KLOCK_QUEUE_HANDLE, a local of the routine.
 */
import {
  CONTAINING_RECORD,
  InitializeListHead,
  InsertTailList,
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IO_NO_INCREMENT,
  IRP_MJ_DEVICE_CONTROL,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  KeAcquireInStackQueuedSpinLock,
  KeAcquireInStackQueuedSpinLockAtDpcLevel,
  KeInitializeSpinLock,
  KeReleaseInStackQueuedSpinLock,
  KeReleaseInStackQueuedSpinLockFromDpcLevel,
  KLOCK_QUEUE_HANDLE,
  KSPIN_LOCK,
  LIST_ENTRY,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** IOCTL_HUB_PORT_STATUS: output [this port's Words]. */
const IOCTL_HUB_PORT_STATUS = 0x222000;
/** IOCTL_HUB_RESET: zero every port's Words and the hub's TotalWords; output [words cleared, ports reset]. */
const IOCTL_HUB_RESET = 0x222004;

/** Driver-wide state, in DriverObject.DriverExtension. */
interface Hub {
  ListLock: KSPIN_LOCK;
  Ports: LIST_ENTRY;
  PortCount: number;
  TotalWords: number;
}

/** Per-port state, in DeviceObject.DeviceExtension. */
interface Port {
  Lock: KSPIN_LOCK;
  Link: LIST_ENTRY;
  Words: number;
}

function hubOf(device: DEVICE_OBJECT): Hub {
  return device.DriverObject.DriverExtension as unknown as Hub;
}

async function finish(irp: IRP, status: NTSTATUS, information: number): Promise<NTSTATUS> {
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  await IoCompleteRequest(irp, IO_NO_INCREMENT);
  return status;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  const hub = DriverObject.DriverExtension as unknown as Hub;
  hub.ListLock = new KSPIN_LOCK();
  hub.Ports = new LIST_ENTRY();
  hub.PortCount = 0;
  hub.TotalWords = 0;
  await KeInitializeSpinLock(hub.ListLock);
  InitializeListHead(hub.Ports);
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const hub = DriverObject.DriverExtension as unknown as Hub;
  const port = DeviceObject.DeviceExtension as Port;
  port.Lock = new KSPIN_LOCK();
  port.Link = new LIST_ENTRY();
  port.Words = 0;
  await KeInitializeSpinLock(port.Lock);
  const list = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(hub.ListLock, list);
  InsertTailList(hub.Ports, port.Link);
  hub.PortCount = hub.PortCount + 1;
  await KeReleaseInStackQueuedSpinLock(list);
  return STATUS_SUCCESS;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const hub = hubOf(DeviceObject);
  const port = DeviceObject.DeviceExtension as Port;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const list = new KLOCK_QUEUE_HANDLE();
  const own = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(hub.ListLock, list);
  await KeAcquireInStackQueuedSpinLockAtDpcLevel(port.Lock, own);
  port.Words = port.Words + words;
  hub.TotalWords = hub.TotalWords + words;
  await KeReleaseInStackQueuedSpinLockFromDpcLevel(own);
  await KeReleaseInStackQueuedSpinLock(list);
  return finish(Irp, STATUS_SUCCESS, words);
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const hub = hubOf(DeviceObject);
  const out = Irp.AssociatedIrp.SystemBuffer;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 3) return finish(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  let sum = 0;
  const list = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(hub.ListLock, list);
  for (let entry = hub.Ports.Flink; entry !== hub.Ports; entry = entry.Flink) {
    const port = CONTAINING_RECORD<Port>(entry, 'Link');
    const each = new KLOCK_QUEUE_HANDLE();
    await KeAcquireInStackQueuedSpinLockAtDpcLevel(port.Lock, each);
    sum = sum + port.Words;
    await KeReleaseInStackQueuedSpinLockFromDpcLevel(each);
  }
  const total = hub.TotalWords;
  const count = hub.PortCount;
  await KeReleaseInStackQueuedSpinLock(list);
  out[0] = total;
  out[1] = sum;
  out[2] = count;
  return finish(Irp, STATUS_SUCCESS, 3);
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const stack = IoGetCurrentIrpStackLocation(Irp);
  const out = Irp.AssociatedIrp.SystemBuffer;
  if (stack.Parameters.DeviceIoControl.OutputBufferLength < 1) return finish(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  switch (stack.Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_HUB_PORT_STATUS: {
      const port = DeviceObject.DeviceExtension as Port;
      const own = new KLOCK_QUEUE_HANDLE();
      await KeAcquireInStackQueuedSpinLock(port.Lock, own);
      const words = port.Words;
      await KeReleaseInStackQueuedSpinLock(own);
      out[0] = words;
      return finish(Irp, STATUS_SUCCESS, 1);
    }
    case IOCTL_HUB_RESET: {
      const hub = hubOf(DeviceObject);
      if (stack.Parameters.DeviceIoControl.OutputBufferLength < 2) return finish(Irp, STATUS_BUFFER_TOO_SMALL, 0);
      let cleared = 0;
      let ports = 0;
      const list = new KLOCK_QUEUE_HANDLE();
      await KeAcquireInStackQueuedSpinLock(hub.ListLock, list);
      for (let entry = hub.Ports.Flink; entry !== hub.Ports; entry = entry.Flink) {
        const port = CONTAINING_RECORD<Port>(entry, 'Link');
        const each = new KLOCK_QUEUE_HANDLE();
        await KeAcquireInStackQueuedSpinLockAtDpcLevel(port.Lock, each);
        cleared = cleared + port.Words;
        hub.TotalWords = hub.TotalWords - port.Words;
        port.Words = 0;
        ports = ports + 1;
        await KeReleaseInStackQueuedSpinLockFromDpcLevel(each);
      }
      await KeReleaseInStackQueuedSpinLock(list);
      out[0] = cleared;
      out[1] = ports;
      return finish(Irp, STATUS_SUCCESS, 2);
    }
    default:
      return finish(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
  }
}
