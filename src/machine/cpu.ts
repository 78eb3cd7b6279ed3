/** A simulated CPU: its stack of contexts, its threads and its DPC queue. */
import type { Prim } from '../kernel/protocol.js';
import type { Action } from './actions.js';
import type { Context } from './context.js';

/** A DPC waiting in a CPU's queue. */
export interface QueuedDpc {
  /** The KDPC object id. */
  readonly dpc: number;
  readonly routine: number;
  readonly routineName: string;
  /** Arguments for the routine, as (value, isRef) pairs. */
  readonly args: ReadonlyArray<readonly [Prim, boolean]>;
  /** The context that queued it (for happens-before). */
  readonly queuedBy: Context;
  /** Sequence number of the queueing call. */
  readonly seq: number;
}

/** One CPU. */
export class Cpu {
  /** Contexts on this CPU: the thread at the bottom, then DPCs and ISRs that interrupted it. */
  readonly stack: Context[] = [];
  /** Threads whose affinity is this CPU. */
  readonly threads: Context[] = [];
  /** DPCs queued on this CPU, in order. */
  readonly dpcQueue: QueuedDpc[] = [];
  /** The action that runs the next queued DPC (made once). */
  readonly dpcAction: Action;

  constructor(readonly id: number) {
    this.dpcAction = { kind: 'dpc', cpu: this, ctx: null, source: null, key: 1_000_000 + id, waited: 0 };
  }

  /** The running or interrupted context on top of the stack. */
  get top(): Context | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The CPU's IRQL: its top context's, or PASSIVE_LEVEL when idle. */
  get irql(): number {
    const top = this.stack[this.stack.length - 1];
    return top === undefined ? 0 : top.irql;
  }
}
