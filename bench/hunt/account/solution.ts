/**
 * hunt/account, fixed: SCTBench's account_bad as a driver. The device is an
 * account: a deposit and a withdrawal, each under the lock, and a check
 * that, once both are done, verifies the balance (the original's assertion,
 * evaluated by the driver and returned to the scenario, which asserts it).
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

/** IOCTL_OPEN [x]: the account opens with balance x (before any thread runs). */
const IOCTL_OPEN = 0x222000;
/** IOCTL_DEPOSIT [y]: balance += y. */
const IOCTL_DEPOSIT = 0x222004;
/** IOCTL_WITHDRAW [z]: balance -= z. */
const IOCTL_WITHDRAW = 0x222008;
/** IOCTL_CHECK → [both done, the balance is what they make]. */
const IOCTL_CHECK = 0x22200c;

interface Account {
  Lock: KSPIN_LOCK;
  Opened: number;
  Deposited: number;
  Withdrawn: number;
  Balance: number;
  DepositDone: boolean;
  WithdrawDone: boolean;
}

export async function DriverEntry(DriverObject: DRIVER_OBJECT): Promise<NTSTATUS> {
  DriverObject.MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
  DriverObject.DriverExtension.AddDevice = AddDevice;
  return STATUS_SUCCESS;
}

export async function AddDevice(_DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Account;
  ext.Lock = new KSPIN_LOCK();
  await KeInitializeSpinLock(ext.Lock);
  ext.Opened = 0;
  ext.Deposited = 0;
  ext.Withdrawn = 0;
  ext.Balance = 0;
  ext.DepositDone = false;
  ext.WithdrawDone = false;
  return STATUS_SUCCESS;
}

export async function DispatchDeviceControl(DeviceObject: DEVICE_OBJECT, Irp: IRP): Promise<NTSTATUS> {
  const ext = DeviceObject.DeviceExtension as Account;
  const io = Irp.AssociatedIrp.SystemBuffer;
  const code = IoGetCurrentIrpStackLocation(Irp).Parameters.DeviceIoControl.IoControlCode;
  const old = await KeAcquireSpinLock(ext.Lock);
  switch (code) {
    case IOCTL_OPEN:
      ext.Opened = io[0]!;
      ext.Balance = io[0]!;
      break;
    case IOCTL_DEPOSIT:
      ext.Deposited = io[0]!;
      ext.Balance = ext.Balance + io[0]!;
      ext.DepositDone = true;
      break;
    case IOCTL_WITHDRAW:
      ext.Withdrawn = io[0]!;
      ext.Balance = ext.Balance - io[0]!;
      ext.WithdrawDone = true;
      break;
    case IOCTL_CHECK: {
      const both = ext.DepositDone && ext.WithdrawDone;
      io[0] = both ? 1 : 0;
      io[1] = !both || ext.Balance === ext.Opened + ext.Deposited - ext.Withdrawn ? 1 : 0;
      break;
    }
  }
  await KeReleaseSpinLock(ext.Lock, old);
  Irp.IoStatus.Status = STATUS_SUCCESS;
  Irp.IoStatus.Information = code === IOCTL_CHECK ? 2 : 0;
  await IoCompleteRequest(Irp, IO_NO_INCREMENT);
  return STATUS_SUCCESS;
}
