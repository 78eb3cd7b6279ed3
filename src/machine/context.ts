/** Contexts of execution: a thread, a DPC run, an ISR run. */
import type { Prim } from '../kernel/protocol.js';
import type { Action } from './actions.js';
import type { Cpu } from './cpu.js';
import type { Frame } from './frame.js';
import type { Acquisition, LockState } from './locks.js';
import type { Cell } from './memory.js';

const NO_LOCKS: readonly string[] = Object.freeze([]);

/** What a context is. */
export type ContextKind = 'thread' | 'dpc' | 'isr';

/**
 * Where a context stands. Exactly one context is `running` at a time; the
 * others wait at a scheduling point (`gate`), spin or wait (`blocked`), or
 * are `done`.
 */
export type ContextState = 'running' | 'gate' | 'blocked' | 'done';

/**
 * A kernel call the guest made that the scheduler has not run to completion
 * yet. The execution recycles the record once the call settles: an op must
 * not keep it past {@link KernelCalls.complete} or {@link KernelCalls.fail}.
 */
export interface PendingCall {
  readonly callId: number;
  readonly op: number;
  readonly a: Prim;
  readonly b: Prim;
  readonly c: Prim;
  readonly d: Prim;
  readonly e: Prim;
  readonly f: Prim;
  readonly g: Prim;
  /** Event sequence number of the call (its source site). */
  readonly seq: number;
  /** The frame that made it. */
  readonly frame: Frame | null;
  /** Progress of a multi-step op (raised IRQL already, routine invoked…). */
  phase: number;
  /** Op-private data kept between phases. */
  saved: unknown;
}

/** A context of execution on one CPU. */
export class Context {
  state: ContextState = 'gate';
  /** This context's IRQL; the CPU's IRQL is its top context's. */
  irql: number;
  /** Routine frames, innermost last. */
  readonly frames: Frame[] = [];
  /** Kernel calls not yet completed, oldest first (more than one only after a missing await). */
  readonly pending: PendingCall[] = [];
  /** Resolves the host body's scheduling point (`gate()`), when that is what the context waits at. */
  gateResolve: (() => void) | null = null;
  /**
   * The lock this context spins on, from its first failed attempt until it
   * takes the lock. Woken when the lock is released, it is enabled only while
   * the lock is free: a retry that would find it taken again is a no-op step.
   */
  spinningOn: LockState | null = null;
  /** What a blocked, non-spinning context waits for (an IRP, an event), for reports. */
  waitingFor: string | null = null;
  /** Locks held, in acquisition order. */
  readonly held: Acquisition[] = [];
  /** The action that resumes this context (made once). */
  runAction: Action | null = null;
  /**
   * The field this context last touched unprotected (memory.ts, `unprotectedAccess`) since its last
   * scheduling point, or null: the next site in its code becomes a
   * scheduling point (see src/kernel/guest/scheduling-points.ts).
   */
  exposed: Cell | null = null;
  /** The field that made its last such point, for the timeline (empty when none is recorded). */
  pointField = '';
  /** Held lockset snapshot (names), replaced on every change, shared by accesses. */
  heldNames: readonly string[] = [];
  /** The routine this context exists to run (an ISR's, a DPC's), named before its frame starts. */
  purpose: string | null = null;
  /** For an ISR: the data word its device presented for this interrupt (what READ_REGISTER_ULONG reads). */
  deviceData: number | null = null;

  /** Whether the strategy may pick this context now: at a gate, and not spinning on a lock that is held. */
  get runnable(): boolean {
    return this.state === 'gate' && (this.spinningOn === null || this.spinningOn.holder === null);
  }

  constructor(
    readonly id: number,
    readonly kind: ContextKind,
    readonly name: string,
    public cpu: Cpu,
    irql: number,
  ) {
    this.irql = irql;
  }

  /** The innermost routine frame, if a routine is running. */
  get frame(): Frame | null {
    return this.frames.length === 0 ? null : this.frames[this.frames.length - 1]!;
  }

  /** The name of the innermost routine, or the routine the context exists for, or its own name. */
  get routine(): string {
    return this.frame?.routine ?? this.purpose ?? this.name;
  }

  /** Whether the context has ended. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** Recomputes {@link heldNames} after the held set changed (without allocating for zero or one lock). */
  refreshHeld(): void {
    const held = this.held;
    this.heldNames = held.length === 0 ? NO_LOCKS : held.length === 1 ? held[0]!.lock.names : held.map((a) => a.lock.name);
  }
}
