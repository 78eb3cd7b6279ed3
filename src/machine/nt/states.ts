/**
 * Kernel-side state of kernel objects (KDPC, KEVENT, KINTERRUPT, IRP,
 * DEVICE_OBJECT), kept in `HostObject.state`, and lookups that turn the ids
 * the guest passes into them.
 */
import { Kind, type Prim } from '../../kernel/protocol.js';
import type { Context } from '../context.js';
import type { Execution } from '../execution.js';
import type { InterruptSource, InterruptState } from '../interrupts.js';
import { HandleState, LockState } from '../locks.js';
import type { HostObject } from '../memory.js';

/** A KDPC. */
export class DpcState {
  routine = 0;
  routineName = '';
  context: readonly [Prim, boolean] = [undefined, false];
  initialized = false;
  queued = false;
}

/** A KEVENT. */
export class EventState {
  initialized = false;
  /** SynchronizationEvent resets when it releases one waiter. */
  synchronization = false;
  signaled = false;
  readonly waiters: Context[] = [];
}

/** An IRP. */
export class IrpState {
  completed = false;
  pendingMarked = false;
  /** The thread that sent it and may wait for it. */
  waiter: Context | null = null;
  /** Set when the dispatch routine returned. */
  dispatchReturned = false;
  constructor(readonly number: number, readonly major: number, readonly sender: Context) {}
}

/** A DEVICE_OBJECT. */
export class DeviceState {
  /** The DpcForIsr routine set by IoInitializeDpcRequest. */
  dpcForIsr = 0;
  dpcForIsrName = '';
  /** The device's KDPC (the one IoRequestDpc queues). */
  dpc: HostObject | null = null;
  source: InterruptSource | null = null;
}

/** Gives a freshly allocated kernel object its kernel-side state. */
export function initKernelState(object: HostObject): void {
  switch (object.kind) {
    case Kind.SpinLock:
      object.state = new LockState(object);
      break;
    case Kind.QueueHandle:
      object.state = new HandleState(object);
      break;
    case Kind.Dpc:
      object.state = new DpcState();
      break;
    case Kind.Event:
      object.state = new EventState();
      break;
    default:
      break;
  }
}

function stateOf<T>(x: Execution, id: Prim, type: abstract new (...args: never[]) => T): T | undefined {
  const state = x.memory.get(id)?.state;
  return state instanceof type ? state : undefined;
}

/** The spin lock with host id `id`. */
export function lockOf(x: Execution, id: Prim): LockState | undefined {
  const object = x.memory.get(id);
  return object !== undefined && object.kind === Kind.SpinLock ? (object.state as LockState) : undefined;
}

/** The queued-lock handle with host id `id`. */
export function handleOf(x: Execution, id: Prim): HandleState | undefined {
  return stateOf(x, id, HandleState);
}

/** The DPC with host id `id`. */
export function dpcOf(x: Execution, id: Prim): DpcState | undefined {
  return stateOf(x, id, DpcState);
}

/** The event with host id `id`. */
export function eventOf(x: Execution, id: Prim): EventState | undefined {
  return stateOf(x, id, EventState);
}

/** The IRP with host id `id`. */
export function irpOf(x: Execution, id: Prim): IrpState | undefined {
  return stateOf(x, id, IrpState);
}

/** The device with host id `id`. */
export function deviceOf(x: Execution, id: Prim): DeviceState | undefined {
  return stateOf(x, id, DeviceState);
}

/** The interrupt with host id `id`. */
export function interruptOf(x: Execution, id: Prim): InterruptState | undefined {
  const object = x.memory.get(id);
  return object?.kind === Kind.Interrupt ? (object.state as InterruptState) : undefined;
}
