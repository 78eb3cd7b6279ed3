/**
 * 01-initialize-lock: what a student who does nothing submits. It loads,
 * registers its routines and completes every write with the right status
 * and length, but does none of the work: no lock, no count. selftest checks
 * that it earns nothing beyond the type-check item.
 */
import { IO_NO_INCREMENT, IRP_MJ_WRITE, IoCompleteRequest, IoGetCurrentIrpStackLocation, STATUS_SUCCESS, type DEVICE_OBJECT, type DRIVER_OBJECT, type IRP, type NTSTATUS } from 'spinlab/kernel';

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, _DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  return STATUS_SUCCESS;
}

export async function DispatchWrite(_DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = IoGetCurrentIrpStackLocation(Irp).Parameters.Write.Length;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
