/**
 * The student routines running in one execution: invoking a routine makes a
 * frame; the guest reports how it ended (returned, threw); a frame whose
 * calls are all settled is finished — its return reported to the checks —
 * and its invoker resumes.
 */
import type { Prim } from '../kernel/protocol.js';
import type { Context } from './context.js';
import type { Execution } from './execution.js';
import { Frame, type FrameKind, type FrameOutcome } from './frame.js';

/** The frames of one execution. */
export class RoutineFrames {
  private readonly frames: Array<Frame | undefined> = [];

  constructor(private readonly x: Execution) {}

  /**
   * Invokes student routine `fn` in `ctx` as a new frame; resolves with how
   * it ended. The guest runs it synchronously up to its first kernel call.
   */
  invoke(ctx: Context, fn: number, kind: FrameKind, routine: string, args: ReadonlyArray<readonly [Prim, boolean]>): Promise<FrameOutcome> {
    const x = this.x;
    return new Promise<FrameOutcome>((settle) => {
      const frame = new Frame(this.frames.length, ctx, routine, kind, ctx.irql, settle);
      this.frames.push(frame);
      ctx.frames.push(frame);
      if (x.wants('frame-enter')) x.emit({ type: 'frame-enter', ctx, frame });
      x.trace.record(x, ctx, 'enter', `enter ${routine}`);
      ctx.state = 'running';
      x.running = ctx;
      x.executing = ctx;
      const a = (i: number): readonly [Prim, boolean] => args[i] ?? [undefined, false];
      x.control.invoke(frame.id, fn, args.length, a(0)[0], a(0)[1], a(1)[0], a(1)[1], a(2)[0], a(2)[1], a(3)[0], a(3)[1]);
    });
  }

  /** A routine frame returned. */
  returned(frameId: number, value: Prim, isRef: boolean): void {
    this.end(frameId, { kind: 'returned', value, isRef });
  }

  /** A routine frame threw: the simulated bug check. */
  threw(frameId: number, description: string): void {
    let parsed: { message?: string; stack?: string } = {};
    try {
      parsed = JSON.parse(description) as typeof parsed;
    } catch {
      parsed = { message: 'an error spinlab could not read' };
    }
    this.end(frameId, { kind: 'threw', message: String(parsed.message ?? ''), stack: String(parsed.stack ?? '') });
  }

  /**
   * Reports `frame`'s return to the checks and resumes its invoker. Nothing
   * is undone, as on the real machine: a lock the routine still holds stays
   * held by its context (later acquirers spin, and the hang is found), and
   * IRQL stays where it left it. (The host bodies that call ISRs, DPCs and
   * SynchCritSection routines restore IRQL themselves, as the kernel does.)
   */
  finish(frame: Frame): void {
    const x = this.x;
    const ctx = frame.ctx;
    const outcome = frame.outcome!;
    if (x.wants('frame-return')) {
      x.emit({ type: 'frame-return', ctx, frame, outcome, irql: ctx.irql, pending: 0, seq: frame.lastCallSeq });
    }
    x.trace.record(x, ctx, 'return', `return from ${frame.routine}`);
    const at = ctx.frames.lastIndexOf(frame);
    if (at >= 0) ctx.frames.splice(at, 1);
    this.frames[frame.id] = undefined;
    if (x.over) return;
    ctx.state = 'running';
    x.running = ctx;
    x.executing = ctx;
    frame.settle(outcome);
  }

  private end(frameId: number, outcome: FrameOutcome): void {
    const x = this.x;
    const frame = this.frames[frameId];
    if (frame === undefined || x.over || frame.outcome !== null) return;
    frame.outcome = outcome;
    const ctx = frame.ctx;
    if (outcome.kind === 'threw') {
      x.stop({ kind: 'threw', ctx, frame, message: outcome.message, stack: outcome.stack });
      return;
    }
    if (ctx.pending.length > 0) {
      // A missing await: finish the frame once its pending calls have run.
      if (x.wants('pending-misuse')) x.emit({ type: 'pending-misuse', ctx, what: 'return', seq: frame.lastCallSeq });
      return;
    }
    if (!frame.resumedSinceSettle && x.wants('pending-misuse')) {
      // It returned before its last call settled, though the call ran first: also a missing await.
      x.emit({ type: 'pending-misuse', ctx, what: 'return', op: frame.lastCallOp, seq: frame.lastCallSeq });
    }
    this.finish(frame);
  }
}
