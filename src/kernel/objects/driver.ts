import type { KIRQL } from '../irql.js';
import type { NTSTATUS } from '../ntstatus.js';
import type { KDPC } from './dpc.js';
import type { KINTERRUPT } from './interrupt.js';
import type { LIST_ENTRY } from './list-entry.js';

/**
 * A dispatch routine: `MajorFunction[IRP_MJ_xxx]`. Runs in a thread at
 * PASSIVE_LEVEL. Either completes the IRP with {@link IoCompleteRequest} and
 * returns its status, or marks it pending ({@link IoMarkIrpPending}), queues it
 * and returns STATUS_PENDING.
 */
export type DRIVER_DISPATCH = (DeviceObject: DEVICE_OBJECT, Irp: IRP) => Promise<NTSTATUS>;

/**
 * AddDevice: runs once per device at PASSIVE_LEVEL, before any IRP arrives.
 * spinlab has already created the device object; initialize its
 * DeviceExtension here (every spin lock with KeInitializeSpinLock, before
 * any other routine uses it).
 */
export type DRIVER_ADD_DEVICE = (DriverObject: DRIVER_OBJECT, DeviceObject: DEVICE_OBJECT) => Promise<NTSTATUS>;

/** DriverUnload: runs at PASSIVE_LEVEL after the workload, if the scenario unloads the driver. */
export type DRIVER_UNLOAD = (DriverObject: DRIVER_OBJECT) => Promise<void>;

/** DriverEntry: runs once at PASSIVE_LEVEL; fills in the MajorFunction table and AddDevice. */
export type DRIVER_INITIALIZE = (DriverObject: DRIVER_OBJECT, RegistryPath: string) => Promise<NTSTATUS>;

/**
 * A DPC routine: runs at DISPATCH_LEVEL on one CPU. Use the AtDpcLevel /
 * FromDpcLevel spin lock routines here.
 */
export type KDEFERRED_ROUTINE = (
  Dpc: KDPC,
  DeferredContext: any,
  SystemArgument1: any,
  SystemArgument2: any,
) => Promise<void>;

/** The DpcForIsr routine queued by {@link IoRequestDpc}: runs at DISPATCH_LEVEL. */
export type IO_DPC_ROUTINE = (Dpc: KDPC, DeviceObject: DEVICE_OBJECT, Irp: IRP | null, Context: any) => Promise<void>;

/**
 * An interrupt service routine: runs at the interrupt's DIRQL holding the
 * interrupt spin lock. Must not take executive spin locks; queues a DPC for
 * the rest of the work. Returns TRUE if its device interrupted.
 */
export type KSERVICE_ROUTINE = (Interrupt: KINTERRUPT, ServiceContext: any) => Promise<boolean>;

/**
 * A SynchCritSection routine run by {@link KeSynchronizeExecution}: runs at the
 * interrupt's SynchronizeIrql holding the interrupt spin lock, so it may
 * touch data shared with the ISR.
 */
export type KSYNCHRONIZE_ROUTINE = (SynchronizeContext: any) => Promise<boolean> | boolean;

/** The driver object: one per driver. */
export interface DRIVER_OBJECT {
  /** Dispatch routines, indexed by IRP_MJ_xxx. Fill in from DriverEntry. */
  readonly MajorFunction: Array<DRIVER_DISPATCH | undefined>;
  /** Holds AddDevice, and any driver-wide state you keep in it (tracked like the device extension). */
  readonly DriverExtension: DRIVER_EXTENSION;
  /** Optional unload routine. */
  DriverUnload?: DRIVER_UNLOAD;
}

/** The driver extension: AddDevice plus driver-wide fields of your own. */
export interface DRIVER_EXTENSION {
  AddDevice?: DRIVER_ADD_DEVICE;
  [field: string]: any;
}

/** A device object, created for you before AddDevice runs. */
export interface DEVICE_OBJECT {
  /**
   * The driver's per-device storage (nonpaged, tracked): an empty object
   * when AddDevice runs. Put your spin locks and shared state here.
   */
  readonly DeviceExtension: any;
  /** The driver this device belongs to. */
  readonly DriverObject: DRIVER_OBJECT;
  /** The DPC that {@link IoRequestDpc} queues (set up by {@link IoInitializeDpcRequest}). */
  readonly Dpc: KDPC;
  /** The device's interrupt resources, as the PnP manager would assign them. */
  readonly Resources: CM_INTERRUPT_RESOURCES;
}

/** The translated interrupt resources of a device. */
export interface CM_INTERRUPT_RESOURCES {
  /** The interrupt vector to pass to IoConnectInterrupt (0 if the device has no interrupt). */
  readonly Vector: number;
  /** The DIRQL to pass as Irql (and at least as SynchronizeIrql). */
  readonly Level: KIRQL;
}

/** An I/O request packet (buffered I/O). */
export interface IRP {
  /** Where the driver reports the outcome before completing the IRP. */
  readonly IoStatus: IO_STATUS_BLOCK;
  /** The request's buffer: the data to write, or where to put the data read. */
  readonly AssociatedIrp: { readonly SystemBuffer: number[] };
  /** A link the owning driver may use to queue the IRP (`CONTAINING_RECORD(entry, 'Tail.Overlay.ListEntry')`). */
  readonly Tail: { readonly Overlay: { readonly ListEntry: LIST_ENTRY } };
  /** Set by IoMarkIrpPending. */
  readonly PendingReturned: boolean;
}

/** The status block of an IRP. */
export interface IO_STATUS_BLOCK {
  Status: NTSTATUS;
  /** Bytes transferred, or request-specific information. */
  Information: number;
}

/** The current I/O stack location of an IRP: what is asked. */
export interface IO_STACK_LOCATION {
  readonly MajorFunction: number;
  readonly Parameters: {
    readonly Read: { readonly Length: number };
    readonly Write: { readonly Length: number };
    readonly DeviceIoControl: {
      readonly IoControlCode: number;
      readonly InputBufferLength: number;
      readonly OutputBufferLength: number;
    };
  };
}
