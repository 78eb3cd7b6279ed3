/**
 * What a student who does nothing submits: it loads, registers its routines
 * and completes every write, but does none of the work (no lock, no count).
 * `spinlab selftest` checks that it earns nothing beyond the type-check item:
 * keep it doing nothing as your exercise changes.
 */
import { IO_NO_INCREMENT, IRP_MJ_WRITE, IoCompleteRequest, STATUS_SUCCESS, type DEVICE_OBJECT, type DRIVER_OBJECT, type IRP, type NTSTATUS } from 'spinlab/kernel';

export async function DriverEntry(driver: DRIVER_OBJECT): Promise<NTSTATUS> {
  driver.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  driver.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_driver: DRIVER_OBJECT, _device: DEVICE_OBJECT): Promise<NTSTATUS> {
  return STATUS_SUCCESS;
}

export async function DispatchWrite(_device: DEVICE_OBJECT, irp: IRP): Promise<NTSTATUS> {
  irp.IoStatus.Status = STATUS_SUCCESS;
  await IoCompleteRequest(irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
