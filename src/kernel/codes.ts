/** Numeric codes the WDK passes around: IRP major functions, pool flags, event types, wait reasons. */

/** IRP major function codes: indexes into `DRIVER_OBJECT.MajorFunction`. */
export const IRP_MJ_CREATE = 0x00;
export const IRP_MJ_CLOSE = 0x02;
export const IRP_MJ_READ = 0x03;
export const IRP_MJ_WRITE = 0x04;
export const IRP_MJ_DEVICE_CONTROL = 0x0e;
export const IRP_MJ_CLEANUP = 0x12;
/** One past the last major function code spinlab knows. */
export const IRP_MJ_MAXIMUM_FUNCTION = 0x1b;

/** Priority boost for IoCompleteRequest when none is wanted. */
export const IO_NO_INCREMENT = 0;

/** ExAllocatePool2: nonpaged pool, usable at any IRQL. */
export const POOL_FLAG_NON_PAGED = 0x40;
/** ExAllocatePool2: paged pool, only at IRQL < DISPATCH_LEVEL and never while holding a spin lock. */
export const POOL_FLAG_PAGED = 0x100;
/** The pool flag type. */
export type POOL_FLAGS = number;

/** KeInitializeEvent types. */
export const enum EVENT_TYPE {
  NotificationEvent = 0,
  SynchronizationEvent = 1,
}
export const NotificationEvent = EVENT_TYPE.NotificationEvent;
export const SynchronizationEvent = EVENT_TYPE.SynchronizationEvent;

/** KeWaitForSingleObject wait reason (spinlab ignores its value). */
export const Executive = 0;
/** KeWaitForSingleObject processor mode. */
export const KernelMode = 0;

/** Interrupt modes for IoConnectInterrupt. */
export const enum KINTERRUPT_MODE {
  LevelSensitive = 0,
  Latched = 1,
}
export const LevelSensitive = KINTERRUPT_MODE.LevelSensitive;
export const Latched = KINTERRUPT_MODE.Latched;
