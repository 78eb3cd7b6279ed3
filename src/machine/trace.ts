/** The trace of an execution: a running digest always, and a timeline when asked for. */
import { OP_NAMES } from '../kernel/protocol.js';
import type { Context, ContextKind, PendingCall } from './context.js';
import type { RawSite } from './realm.js';

/** What a timeline line records. */
export type TraceEventType = 'enter' | 'return' | 'call' | 'read' | 'write' | 'switch';

/** One line of a timeline: what a context did at a step. */
export interface TraceEntry {
  readonly step: number;
  /** The event sequence number (findings name theirs). */
  readonly seq: number;
  readonly cpu: number;
  readonly context: string;
  readonly contextKind: ContextKind;
  readonly routine: string;
  /** The context's IRQL when the line was recorded. */
  readonly irql: number;
  readonly type: TraceEventType;
  readonly what: string;
  /** The field read or written, or the object a kernel call takes first (`ext.Lock`). */
  readonly target?: string;
  /** The locks the context holds, innermost last. */
  readonly locks: readonly string[];
  /** The student's position of the line, when the run captured sites (a replay). */
  site?: RawSite;
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

  /** Adds a timeline line (when enabled); `seq` defaults to the clock's. */
  record(clock: Clock, ctx: Context, type: TraceEventType, what: string, target?: string, seq: number = clock.seq): void {
    if (!this.enabled) return;
    this.entries.push({
      step: clock.steps,
      seq,
      cpu: ctx.cpu.id,
      context: ctx.name,
      contextKind: ctx.kind,
      routine: ctx.routine,
      irql: ctx.irql,
      type,
      what,
      ...(target === undefined ? {} : { target }),
      locks: ctx.heldNames,
    });
  }

  /** A kernel call, as a timeline line's text. */
  describeCall(call: PendingCall): string {
    return OP_NAMES[call.op] ?? `op ${call.op}`;
  }

  /** Fills in each line's student position from the sites captured by sequence number. */
  locate(sites: ReadonlyMap<number, RawSite>): void {
    for (const entry of this.entries) {
      // Only calls and accesses have a sequence number of their own; the others borrow the last one's.
      if (entry.type !== 'call' && entry.type !== 'read' && entry.type !== 'write') continue;
      const site = sites.get(entry.seq);
      if (site !== undefined) entry.site = site;
    }
  }
}
