/**
 * The event stream the machine emits and checks read. Each event is plain
 * data about one thing that happened, with the context it happened in.
 */
import type { Context } from './context.js';
import type { Frame, FrameOutcome } from './frame.js';
import type { Acquisition, HandleState, LockFamily, LockState } from './locks.js';
import type { Cell } from './memory.js';

/** KeInitializeSpinLock on `lock`. */
export interface LockInitEvent {
  readonly type: 'lock-init';
  readonly ctx: Context | null;
  readonly lock: LockState;
  readonly wasInitialized: boolean;
  readonly seq: number;
}

/**
 * A context is about to take `lock` (before it spins). `via` names the
 * routine: an acquire, an ExInterlocked routine, ISR delivery,
 * KeSynchronizeExecution, or IoConnectInterrupt (which only checks the lock).
 */
export interface AcquireEvent {
  readonly type: 'acquire' | 'acquired';
  readonly ctx: Context;
  readonly lock: LockState;
  readonly family: LockFamily;
  readonly via: string;
  readonly handle: HandleState | null;
  /** The context's IRQL when it called the routine. */
  readonly irql: number;
  readonly seq: number;
}

/** IoConnectInterrupt named `lock` as the driver-supplied interrupt spin lock. */
export interface LockUseEvent {
  readonly type: 'lock-use';
  readonly ctx: Context;
  readonly lock: LockState;
  readonly via: string;
  readonly seq: number;
}

/**
 * A context releases `lock` (or tries to), sent before the machine does it:
 * `lock.holder` is the lock word (null when free, or another context's
 * holding), `own` what the releaser itself holds of it.
 */
export interface ReleaseEvent {
  readonly type: 'release';
  readonly ctx: Context;
  readonly lock: LockState;
  readonly family: LockFamily;
  readonly via: string;
  readonly handle: HandleState | null;
  /** The releaser's own holding of the lock (it acquired it and has not released it), or null. */
  readonly own: Acquisition | null;
  readonly irql: number;
  /** The IRQL the caller asked to return to (KeReleaseSpinLock's NewIrql), or -1 if none applies; -2 when it was not an IRQL. */
  readonly newIrql: number;
  readonly seq: number;
}

/** KeReleaseInStackQueuedSpinLock with a handle that records no acquisition. */
export interface HandleMisuseEvent {
  readonly type: 'handle-misuse';
  readonly ctx: Context;
  readonly handle: HandleState;
  readonly via: string;
  readonly seq: number;
}

/** A read or write of a tracked field. */
export interface AccessEvent {
  readonly type: 'access';
  readonly ctx: Context;
  readonly cell: Cell;
  readonly write: boolean;
  readonly seq: number;
}

/**
 * A happens-before edge: `release` publishes the context's clock on `key`,
 * `acquire` joins it (locks, DPC queueing, IRP completion, events, interrupt
 * connection), `fork` starts `child` after everything `ctx` did.
 */
export interface SyncEvent {
  readonly type: 'sync';
  readonly kind: 'release' | 'acquire' | 'fork';
  readonly ctx: Context;
  readonly key: object;
  readonly child: Context | null;
}

/** A kernel call arrived; `pendingBefore` is how many were already pending in that context. */
export interface CallEvent {
  readonly type: 'call';
  readonly ctx: Context;
  readonly op: number;
  readonly pendingBefore: number;
  readonly seq: number;
}

/** Student code touched tracked memory, or returned, while one of its kernel calls was still pending. */
export interface PendingMisuseEvent {
  readonly type: 'pending-misuse';
  readonly ctx: Context;
  readonly what: 'access' | 'return';
  /** The unawaited call's op, when known. */
  readonly op?: number;
  readonly seq: number;
}

/** A routine frame began. */
export interface FrameEnterEvent {
  readonly type: 'frame-enter';
  readonly ctx: Context;
  readonly frame: Frame;
}

/** A routine frame ended; `held` lists what it still held, `irql` where it left the CPU. */
export interface FrameReturnEvent {
  readonly type: 'frame-return';
  readonly ctx: Context;
  readonly frame: Frame;
  readonly outcome: FrameOutcome;
  readonly irql: number;
  /** Calls still pending when the routine returned. */
  readonly pending: number;
  readonly seq: number;
}

/** A routine that must not run holding a spin lock, or at raised IRQL, was called. */
export interface UnsafeCallEvent {
  readonly type: 'unsafe-call';
  readonly ctx: Context;
  readonly what: 'IoCompleteRequest' | 'KeWaitForSingleObject' | 'ExAllocatePool2(paged)';
  readonly irql: number;
  readonly seq: number;
}

/** An IRQL routine was misused: a raise to a lower IRQL, a lower to a higher one, a bad value. */
export interface IrqlMisuseEvent {
  readonly type: 'irql-misuse';
  readonly ctx: Context;
  readonly via: string;
  readonly from: number;
  readonly to: number;
  readonly seq: number;
}

/** A plain list helper touched a list head. */
export interface PlainListEvent {
  readonly type: 'plain-list';
  readonly ctx: Context | null;
  readonly head: number;
  readonly headName: string;
  readonly via: string;
  readonly seq: number;
}

/** An ExInterlocked routine touched a list head (or an ULONG) with `lock`. */
export interface InterlockedEvent {
  readonly type: 'interlocked';
  readonly ctx: Context;
  readonly head: number;
  readonly headName: string;
  readonly lock: LockState;
  readonly via: string;
  readonly seq: number;
}

/** The schedule stopped: a bug check, a hang, a deadlock, or the step budget. */
export interface StopEvent {
  readonly type: 'stop';
  readonly reason: StopReason;
  readonly seq: number;
}

/** Why a schedule stopped early. */
export type StopReason =
  | { readonly kind: 'self-deadlock'; readonly ctx: Context; readonly lock: LockState }
  | { readonly kind: 'deadlock'; readonly cycle: readonly Context[]; readonly spinning: readonly Context[] }
  | { readonly kind: 'step-limit'; readonly ctx: Context | null; readonly steps: number; readonly detail: string }
  | { readonly kind: 'stuck'; readonly ctx: Context }
  | { readonly kind: 'threw'; readonly ctx: Context; readonly frame: Frame; readonly message: string; readonly stack: string }
  | { readonly kind: 'load-failed'; readonly message: string; readonly stack: string }
  | {
      readonly kind: 'bug-check';
      readonly ctx: Context;
      readonly code: string;
      readonly message: string;
      readonly check: string;
      readonly rule: string;
      /** Another place the bug check points to (where a use after free's memory was freed). */
      readonly related?: { readonly label: string; readonly routine: string; readonly cpu: number; readonly seq: number };
    };

/** The scenario judged an invariant on the final state. */
export interface InvariantEvent {
  readonly type: 'invariant';
  readonly name: string;
  readonly passed: boolean;
  readonly message: string;
  /** For a failure: the fields the invariant read, and who last wrote each (most recent first). */
  readonly writes?: ReadonlyArray<{ readonly path: string; readonly routine: string; readonly cpu: number; readonly seq: number }>;
  /** The schedule stopped (a bug check, a deadlock, a hang) before the final state the invariant judges: it fails unjudged. */
  readonly unreached?: boolean;
  /**
   * The invariant had nothing to judge in this schedule (its judge returned
   * null: the case it is about never arose). It passes here, and is no
   * evidence that it holds: an item needs some schedule that judged it.
   */
  readonly idle?: boolean;
}

/** The workload finished and every context ended (`hung` lists contexts still waiting, if any). */
export interface EndEvent {
  readonly type: 'end';
  readonly hung: readonly Context[];
}

/** Any event. */
export type MachineEvent =
  | LockInitEvent
  | AcquireEvent
  | LockUseEvent
  | ReleaseEvent
  | HandleMisuseEvent
  | AccessEvent
  | SyncEvent
  | CallEvent
  | PendingMisuseEvent
  | InvariantEvent
  | FrameEnterEvent
  | FrameReturnEvent
  | UnsafeCallEvent
  | IrqlMisuseEvent
  | PlainListEvent
  | InterlockedEvent
  | StopEvent
  | EndEvent;

/** The event type names. */
export type MachineEventType = MachineEvent['type'];

/** A reader of the event stream. */
export interface MachineObserver {
  /** The event types this observer wants. */
  readonly events: readonly MachineEventType[];
  handle(event: MachineEvent): void;
}

