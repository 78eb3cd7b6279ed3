/**
 * hunt/din_phil3, fixed: three dining philosophers as a driver (SCTBench
 * CS/din_phil3). Philosopher i eats with forks i and (i + 1) % 3, spin locks
 * in the device extension; each takes the lower-numbered fork first — one
 * global order, so the circle of waits cannot close.
 */
import {
  IoCompleteRequest,
  IO_NO_INCREMENT,
  IRP_MJ_DEVICE_CONTROL,
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeInitializeSpinLock,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
  KSPIN_LOCK,
  STATUS_SUCCESS,
  type DEVICE_OBJECT,
  type DRIVER_OBJECT,
  type IRP,
  type NTSTATUS,
} from 'spinlab/kernel';

/** How many philosophers (and forks). */
const N = 3;

interface Table {
  Forks: KSPIN_LOCK[];
  Eaten: number;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Table;
  ext.Forks = [new KSPIN_LOCK(), new KSPIN_LOCK(), new KSPIN_LOCK()];
  for (const fork of ext.Forks) await KeInitializeSpinLock(fork);
  ext.Eaten = 0;
  return STATUS_SUCCESS;
}

/** Philosopher `id` (the request's input) eats once. */
export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Table;
  const id = Irp.AssociatedIrp.SystemBuffer[0]!;
  const left = id;
  const right = (id + 1) % N;
  const first = Math.min(left, right);
  const second = Math.max(left, right);
  const old = await KeAcquireSpinLock(ext.Forks[first]!);
  await KeAcquireSpinLockAtDpcLevel(ext.Forks[second]!);
  ext.Eaten = ext.Eaten + 1;
  await KeReleaseSpinLockFromDpcLevel(ext.Forks[second]!);
  await KeReleaseSpinLock(ext.Forks[first]!, old);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
