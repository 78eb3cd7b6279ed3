/**
 * 07-lock-ordering — a hub driver: one device object per port, plus
 * driver-wide state in DriverObject.DriverExtension. See README.md for the
 * contract. Run `npx spinlab check` from this folder.
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
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
  KSPIN_LOCK,
  LIST_ENTRY,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_NOT_IMPLEMENTED,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** Output: [this port's Words]. */
const IOCTL_HUB_PORT_STATUS = 0x222000;
/** Output: [words cleared, ports reset]. */
const IOCTL_HUB_RESET = 0x222004;

/** Driver-wide state (DriverObject.DriverExtension). ListLock protects Ports, PortCount and TotalWords. */
interface Hub {
  ListLock: KSPIN_LOCK;
  Ports: LIST_ENTRY;
  PortCount: number;
  TotalWords: number;
}

/** Per-port state (DeviceObject.DeviceExtension). Words is written only with ListLock AND Lock held. */
interface Port {
  Lock: KSPIN_LOCK;
  Link: LIST_ENTRY;
  Words: number;
}

function hubOf(device: DEVICE_OBJECT): Hub {
  return device.DriverObject.DriverExtension as unknown as Hub;
}

/** Sets the IRP's status and Information, completes it, and returns the status. Call it with no spin lock held. */
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
  // TODO: initialize port.Lock before anything can take it.
  // TODO: the Ports list and PortCount belong to ListLock: hold it here.
  InsertTailList(hub.Ports, port.Link);
  hub.PortCount = hub.PortCount + 1;
  return STATUS_SUCCESS;
}

/** Counts the words written to this port, in the port's Words and in the hub's TotalWords. */
export async function DispatchWrite(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const hub = hubOf(DeviceObject);
  const port = DeviceObject.DeviceExtension as Port;
  const words = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  // TODO: both counters must change together, holding ListLock and this port's Lock,
  // taken in the same order as on every other path that holds both.
  port.Words = port.Words + words;
  hub.TotalWords = hub.TotalWords + words;
  return finish(Irp, STATUS_SUCCESS, words);
}

/** The hub statistics: [TotalWords, the sum of every port's Words, PortCount]. */
export async function DispatchRead(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const hub = hubOf(DeviceObject);
  const out = Irp.AssociatedIrp.SystemBuffer;
  if (IoGetCurrentIrpStackLocation(Irp).Parameters.Read.Length < 3) return finish(Irp, STATUS_BUFFER_TOO_SMALL, 0);
  let sum = 0;
  // This walk holds ListLock (the list, TotalWords) and takes each port's Lock inside it:
  // ListLock, then a port Lock.
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
      // One port's status needs only that port's Lock (Words is written with both locks held).
      const port = DeviceObject.DeviceExtension as Port;
      const old = await KeAcquireSpinLock(port.Lock);
      const words = port.Words;
      await KeReleaseSpinLock(port.Lock, old);
      out[0] = words;
      return finish(Irp, STATUS_SUCCESS, 1);
    }
    case IOCTL_HUB_RESET:
      // TODO: set every port's Words to 0 and take the words off TotalWords, holding the
      // right locks in the right order; output [words cleared, ports reset], Information 2.
      return finish(Irp, STATUS_NOT_IMPLEMENTED, 0);
    default:
      return finish(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
  }
}
