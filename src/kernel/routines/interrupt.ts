import type { KIRQL } from '../irql.js';
import type { NTSTATUS } from '../ntstatus.js';
import { Note, Op } from '../protocol.js';
import { irqlArg, numberArg, objectArg, trackedArg } from '../guest/args.js';
import { bridge, encodeLocal, encodeValue, functionId, kcall } from '../guest/runtime.js';
import type { DEVICE_OBJECT, KSERVICE_ROUTINE, KSYNCHRONIZE_ROUTINE } from '../objects/driver.js';
import { KINTERRUPT } from '../objects/interrupt.js';
import { KSPIN_LOCK } from '../objects/spin-lock.js';

/** The parameters of {@link IoConnectInterrupt}, named as in the WDK. */
export interface IO_CONNECT_INTERRUPT_PARAMETERS {
  /** The ISR. */
  ServiceRoutine: KSERVICE_ROUTINE;
  /** Passed to the ISR (normally the device object or its extension). */
  ServiceContext: unknown;
  /**
   * Optional interrupt spin lock storage the driver provides (for an ISR
   * serving several vectors, or several ISRs sharing one lock). It must have
   * been initialized with KeInitializeSpinLock first. Omit it to use the
   * interrupt object's own lock.
   */
  SpinLock?: KSPIN_LOCK | null;
  /** The vector: `DeviceObject.Resources.Vector`. */
  Vector: number;
  /** The DIRQL: `DeviceObject.Resources.Level`. */
  Irql: KIRQL;
  /** The IRQL the ISR and SynchCritSection routines run at; at least `Irql`. */
  SynchronizeIrql: KIRQL;
  InterruptMode?: number;
  ShareVector?: boolean;
  ProcessorEnableMask?: number;
  FloatingSave?: boolean;
}

/** What {@link IoConnectInterrupt} returns. */
export interface IO_CONNECT_INTERRUPT_RESULT {
  Status: NTSTATUS;
  /** The interrupt object, or null if Status is an error. */
  InterruptObject: KINTERRUPT | null;
}

/**
 * Connects an ISR to an interrupt vector. **IRQL = PASSIVE_LEVEL.**
 *
 * If you pass `SpinLock`, you provide the interrupt spin lock's storage and
 * must call KeInitializeSpinLock on it **before** this call. From then on the
 * ISR may run on any CPU at any time the CPU's IRQL is below `Irql`.
 */
export async function IoConnectInterrupt(Parameters: IO_CONNECT_INTERRUPT_PARAMETERS): Promise<IO_CONNECT_INTERRUPT_RESULT> {
  const routine = 'IoConnectInterrupt';
  if (typeof Parameters !== 'object' || Parameters === null) throw new TypeError(`${routine}: pass the parameters as an object.`);
  const [context, contextRef] = encodeValue(Parameters.ServiceContext);
  const lock = Parameters.SpinLock === undefined || Parameters.SpinLock === null ? 0 : objectArg(Parameters.SpinLock, KSPIN_LOCK, routine, 'SpinLock');
  const result = await kcall<unknown>(
    Op.IoConnectInterrupt,
    functionId(Parameters.ServiceRoutine, `${routine}: ServiceRoutine`),
    context,
    contextRef,
    lock,
    numberArg(Parameters.Vector, routine, 'Vector'),
    irqlArg(Parameters.Irql),
    irqlArg(Parameters.SynchronizeIrql),
  );
  if (result instanceof KINTERRUPT) return { Status: 0 as NTSTATUS, InterruptObject: result };
  return { Status: result as NTSTATUS, InterruptObject: null };
}

/** Disconnects an interrupt: its ISR no longer runs. **IRQL = PASSIVE_LEVEL.** */
export function IoDisconnectInterrupt(InterruptObject: KINTERRUPT): Promise<void> {
  return kcall(Op.IoDisconnectInterrupt, objectArg(InterruptObject, KINTERRUPT, 'IoDisconnectInterrupt', 'InterruptObject'));
}

/**
 * Runs `SynchronizeRoutine(SynchronizeContext)` at the interrupt's
 * SynchronizeIrql holding its interrupt spin lock, so it cannot overlap the
 * ISR on any CPU; returns the routine's result. **IRQL ≤ DIRQL.** This is how
 * code outside the ISR touches data the ISR shares.
 */
export function KeSynchronizeExecution(
  Interrupt: KINTERRUPT,
  SynchronizeRoutine: KSYNCHRONIZE_ROUTINE,
  SynchronizeContext: unknown,
): Promise<boolean> {
  const routine = 'KeSynchronizeExecution';
  // The context lives only as long as this call (a pointer to the caller's variable): passed as it is.
  const [context, contextRef] = encodeLocal(SynchronizeContext);
  return kcall(
    Op.KeSynchronizeExecution,
    objectArg(Interrupt, KINTERRUPT, routine, 'Interrupt'),
    functionId(SynchronizeRoutine, `${routine}: SynchronizeRoutine`),
    context,
    contextRef,
  );
}

/**
 * Takes an interrupt's spin lock and raises to its SynchronizeIrql, returning
 * the old IRQL. **IRQL ≤ DIRQL.** Pair with {@link KeReleaseInterruptSpinLock}.
 */
export function KeAcquireInterruptSpinLock(Interrupt: KINTERRUPT): Promise<KIRQL> {
  return kcall(Op.KeAcquireInterruptSpinLock, objectArg(Interrupt, KINTERRUPT, 'KeAcquireInterruptSpinLock', 'Interrupt'));
}

/**
 * Releases an interrupt spin lock taken with {@link KeAcquireInterruptSpinLock}
 * and lowers IRQL to `OldIrql`, the value it returned. **IRQL = the
 * interrupt's SynchronizeIrql**, where the acquire left it.
 */
export function KeReleaseInterruptSpinLock(Interrupt: KINTERRUPT, OldIrql: KIRQL): Promise<void> {
  return kcall(
    Op.KeReleaseInterruptSpinLock,
    objectArg(Interrupt, KINTERRUPT, 'KeReleaseInterruptSpinLock', 'Interrupt'),
    irqlArg(OldIrql),
  );
}

/**
 * Reads the device's data register, as an ISR does to learn what the
 * device has for it (and to acknowledge the interrupt). **Any IRQL**; not a
 * scheduling point. spinlab's form of `READ_REGISTER_ULONG(&Regs->Data)`.
 */
export function READ_REGISTER_ULONG(DeviceObject: DEVICE_OBJECT): number {
  return bridge().note(Note.ReadRegister, trackedArg(DeviceObject, 'READ_REGISTER_ULONG', 'DeviceObject', 'DEVICE_OBJECT'), undefined) as number;
}
