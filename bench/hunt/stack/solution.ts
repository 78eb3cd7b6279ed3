/**
 * hunt/stack, fixed: SCTBench CS/stack_bad as a driver. A pusher pushes ten
 * values and sets Flag; a popper pops whenever Flag is set and asserts the
 * pop did not underflow. Each pop clears Flag when it empties the stack, so
 * Flag means "there is something to pop".
 */
import {
  IoCompleteRequest,
  IoGetCurrentIrpStackLocation,
  IO_NO_INCREMENT,
  IRP_MJ_DEVICE_CONTROL,
  KeAcquireSpinLock,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KSPIN_LOCK,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

const SIZE = 10;
const OVERFLOW = -1;
const UNDERFLOW = -2;
/** IOCTL_PUSH [x] → [0, or OVERFLOW]. */
const IOCTL_PUSH = 0x222000;
/** IOCTL_POP → [popped (1) or not (0), the value or UNDERFLOW]. */
const IOCTL_POP = 0x222004;

interface Stack {
  M: KSPIN_LOCK;
  Top: number;
  Arr: number[];
  Flag: boolean;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Stack;
  ext.M = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.M);
  ext.Top = 0;
  ext.Arr = new Array<number>(SIZE).fill(0);
  ext.Flag = false;
  return STATUS_SUCCESS;
}

function push(ext: Stack, x: number): number {
  if (ext.Top === SIZE) return OVERFLOW;
  ext.Arr[ext.Top] = x;
  ext.Top = ext.Top + 1;
  return 0;
}

function pop(ext: Stack): number {
  if (ext.Top === 0) return UNDERFLOW;
  ext.Top = ext.Top - 1;
  return ext.Arr[ext.Top]!;
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Stack;
  const io = Irp.AssociatedIrp.SystemBuffer;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  const old = await KeAcquireSpinLock(ext.M);
  if (code === IOCTL_PUSH) {
    io[0] = push(ext, io[0]!);
    ext.Flag = true;
  } else if (code === IOCTL_POP) {
    io[0] = ext.Flag ? 1 : 0;
    io[1] = 0;
    if (ext.Flag) {
      io[1] = pop(ext);
      ext.Flag = ext.Top > 0;
    }
  }
  await KeReleaseSpinLock(ext.M, old);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_POP ? 2 : 1;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
