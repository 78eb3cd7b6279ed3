// fails: locks-released-on-every-path, no-completion-under-lock, no-deadlock, reset-clears-every-word, statistics-consistent
// The hub reset returns early when there is nothing to clear, completing the IRP while still holding ListLock and never releasing it.
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
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
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
  const old = await KeAcquireSpinLock(hub.ListLock);
  InsertTailList(hub.Ports, port.Link);
  hub.PortCount = hub.PortCount + 1;
  await KeReleaseSpinLock(hub.ListLock, old);
  return STATUS_SUCCESS;
}

export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const hub = hubOf(DeviceObject);
  const port = DeviceObject.DeviceExtension as Port;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  const old = await KeAcquireSpinLock(hub.ListLock);
  await KeAcquireSpinLockAtDpcLevel(port.Lock);
  port.Words = port.Words + words;
  hub.TotalWords = hub.TotalWords + words;
  await KeReleaseSpinLockFromDpcLevel(port.Lock);
  await KeReleaseSpinLock(hub.ListLock, old);
  return finish(Irp, STATUS_SUCCESS, words);
}

export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const hub = hubOf(DeviceObject);
  const out = Irp.AssociatedIrp.SystemBuffer;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 3) return finish(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  let sum = 0;
  const old = await KeAcquireSpinLock(hub.ListLock);
  for (let entry = hub.Ports.Flink; entry !== hub.Ports; entry = entry.Flink) {
    const port = CONTAINING_RECORD<Port>(entry, 'Link');
    await KeAcquireSpinLockAtDpcLevel(port.Lock);
    sum = sum + port.Words;
    await KeReleaseSpinLockFromDpcLevel(port.Lock);
  }
  const total = hub.TotalWords;
  const count = hub.PortCount;
  await KeReleaseSpinLock(hub.ListLock, old);
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
      const old = await KeAcquireSpinLock(port.Lock);
      const words = port.Words;
      await KeReleaseSpinLock(port.Lock, old);
      out[0] = words;
      return finish(Irp, STATUS_SUCCESS, 1);
    }
    case IOCTL_HUB_RESET: {
      const hub = hubOf(DeviceObject);
      if (stack.Parameters.DeviceIoControl.OutputBufferLength < 2) return finish(Irp, STATUS_BUFFER_TOO_SMALL, 0);
      let cleared = 0;
      let ports = 0;
      const old = await KeAcquireSpinLock(hub.ListLock);
      if (hub.TotalWords === 0) {
        out[0] = 0;
        out[1] = hub.PortCount;
        return finish(Irp, STATUS_SUCCESS, 2);
      }
      for (let entry = hub.Ports.Flink; entry !== hub.Ports; entry = entry.Flink) {
        const port = CONTAINING_RECORD<Port>(entry, 'Link');
        await KeAcquireSpinLockAtDpcLevel(port.Lock);
        cleared = cleared + port.Words;
        hub.TotalWords = hub.TotalWords - port.Words;
        port.Words = 0;
        ports = ports + 1;
        await KeReleaseSpinLockFromDpcLevel(port.Lock);
      }
      await KeReleaseSpinLock(hub.ListLock, old);
      out[0] = cleared;
      out[1] = ports;
      return finish(Irp, STATUS_SUCCESS, 2);
    }
    default:
      return finish(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
  }
}
