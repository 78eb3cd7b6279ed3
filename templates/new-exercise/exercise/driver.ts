import { IO_NO_INCREMENT, IRP_MJ_WRITE, IoCompleteRequest, KSPIN_LOCK, STATUS_SUCCESS, type DEVICE_OBJECT, type DRIVER_OBJECT, type IRP, type NTSTATUS } from 'spinlab/kernel';

interface DeviceExtension {
  Lock: KSPIN_LOCK;
  Count: number;
}

export async function DriverEntry(driver: DRIVER_OBJECT): Promise<NTSTATUS> {
  driver.MajorFunction[IRP_MJ_WRITE] = DispatchWrite;
  driver.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_driver: DRIVER_OBJECT, device: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = device.DeviceExtension as DeviceExtension;
  ext.Lock = new KSPIN_LOCK();
  ext.Count = 0;
  // TODO: initialize the lock before anything can use it.
  return STATUS_SUCCESS;
}

export async function DispatchWrite(device: DEVICE_OBJECT, irp: IRP): Promise<NTSTATUS> {
  const ext = device.DeviceExtension as DeviceExtension;
  // TODO: hold the lock while you update Count.
  ext.Count = ext.Count + 1;
  irp.IoStatus.Status = STATUS_SUCCESS;
  await IoCompleteRequest(irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
