/** A routine the kernel called in a context (a dispatch routine, a DPC, an ISR…). */
import type { Prim } from '../kernel/protocol.js';
import type { Context } from './context.js';
import type { Acquisition } from './locks.js';

/** What kind of routine a frame runs; findings and rubric filters name it. */
export type FrameKind = 'DriverEntry' | 'AddDevice' | 'dispatch' | 'dpc' | 'isr' | 'synch' | 'unload';

/** How a routine ended. */
export type FrameOutcome =
  | { readonly kind: 'returned'; readonly value: Prim; readonly isRef: boolean }
  | { readonly kind: 'threw'; readonly message: string; readonly stack: string };

/** One invocation of a student routine. */
export class Frame {
  /** Locks acquired in this frame and still held. */
  readonly acquisitions: Acquisition[] = [];
  /** The lock families (LockFamily bits) of the acquire calls this frame made, taken or not. */
  familiesUsed = 0;
  /** Sequence number of the latest kernel call made in this frame (for sites). */
  lastCallSeq = -1;
  /** The sequence number of the last event (call or tracked access) the routine made itself, or -1. */
  lastEventSeq = -1;
  /** Op code of that call. */
  lastCallOp = 0;
  /** Sequence number of the latest call in this frame that took or released a lock or changed IRQL. */
  lastIrqlSeq = -1;
  /**
   * False from the moment one of this frame's kernel calls is settled until a
   * microtask later: a return notification arriving in between was queued
   * before the call settled — the routine returned without awaiting it.
   */
  resumedSinceSettle = true;
  /** Set when the routine has returned while calls were still pending; finished when they drain. */
  outcome: FrameOutcome | null = null;

  constructor(
    readonly id: number,
    readonly ctx: Context,
    readonly routine: string,
    readonly kind: FrameKind,
    readonly entryIrql: number,
    readonly settle: (outcome: FrameOutcome) => void,
  ) {}
}
