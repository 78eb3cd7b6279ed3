/**
 * 08-capstone: what a student who does nothing submits. It loads, registers its
 * dispatch routines and completes every request with STATUS_SUCCESS, but
 * does none of the work (no interrupt connected, no ring, no pending reads). selftest checks that it earns
 * nothing beyond the type-check item.
 */
import { IO_NO_INCREMENT, IRP_MJ_READ, IRP_MJ_WRITE, IoCompleteRequest, STATUS_SUCCESS, type DEVICE_OBJECT, type DRIVER_OBJECT, type IRP, type NTSTATUS } from 'spinlab/kernel';

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_READ] = DispatchRead;
  DriverObject.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, _DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  return STATUS_SUCCESS;
}

async function complete(Irp: IRP): Promise<NTSTATUS> {
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}

export async function DispatchRead(_DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  return complete(Irp);
}

export async function DispatchWrite(_DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  return complete(Irp);
}
