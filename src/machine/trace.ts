/** The trace of an execution: a running digest always, and a timeline when asked for. */
import { OP_NAMES } from '../kernel/protocol.js';
import type { Context, PendingCall } from './context.js';

/** One line of a timeline: what a context did at a step. */
export interface TraceEntry {
  readonly step: number;
  readonly seq: number;
  readonly cpu: number;
  readonly context: string;
  readonly routine: string;
  readonly irql: number;
  readonly what: string;
}

/** Where the recorder gets the step and sequence numbers. */
interface Clock {
  readonly steps: number;
  readonly seq: number;
}

/** Records the digest (FNV-1a over every choice and op) and, if enabled, a timeline. */
export class TraceRecorder {
  digest = 0x811c9dc5;
  readonly entries: TraceEntry[] = [];

  constructor(readonly enabled: boolean) {}

  /** Mixes a number into the digest. */
  mix(value: number): void {
    this.digest = Math.imul(this.digest ^ (value & 0xffff), 16777619) >>> 0;
    this.digest = Math.imul(this.digest ^ (value >>> 16), 16777619) >>> 0;
  }

  /** Adds a timeline line (when enabled). */
  record(clock: Clock, ctx: Context, what: string): void {
    if (!this.enabled) return;
    this.entries.push({
      step: clock.steps,
      seq: clock.seq,
      cpu: ctx.cpu.id,
      context: ctx.name,
      routine: ctx.routine,
      irql: ctx.irql,
      what,
    });
  }

  /** A kernel call, as a timeline line. */
  describeCall(call: PendingCall): string {
    return OP_NAMES[call.op] ?? `op ${call.op}`;
  }
}
