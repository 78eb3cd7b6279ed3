/**
 * The kernel calls of one execution: the guest makes one (a scheduling
 * point: the call waits in its context's queue), the decision loop runs it
 * when the strategy picks the context, and its op settles it — at once, after
 * spinning, or later (an op that runs a routine of its own).
 */
import { Op, Refusal, type Prim } from '../kernel/protocol.js';
import type { Context, PendingCall } from './context.js';
import type { Execution } from './execution.js';
import type { Frame } from './frame.js';
import { OpStatus, type KernelServices } from './kernel-services.js';

/** Ops that take or release a lock or change IRQL (a routine returning at the wrong IRQL is sited at the last of them). */
const IRQL_OPS: ReadonlySet<number> = new Set([
  Op.KeAcquireSpinLock, Op.KeReleaseSpinLock, Op.KeAcquireSpinLockAtDpcLevel, Op.KeReleaseSpinLockFromDpcLevel,
  Op.KeTryToAcquireSpinLockAtDpcLevel, Op.KeAcquireInStackQueuedSpinLock, Op.KeReleaseInStackQueuedSpinLock,
  Op.KeAcquireInStackQueuedSpinLockAtDpcLevel, Op.KeReleaseInStackQueuedSpinLockFromDpcLevel,
  Op.KeAcquireInterruptSpinLock, Op.KeReleaseInterruptSpinLock, Op.KeRaiseIrql, Op.KeLowerIrql,
]);

/** A pending call as the execution fills it in (ops see it read-only). */
type CallRecord = { -readonly [K in keyof PendingCall]: PendingCall[K] };

/** The calls of one execution. */
export class KernelCalls {
  /** The result an op handler sets before returning {@link OpStatus.Done}. */
  resultValue: Prim = undefined;
  resultIsRef = false;
  // Frames settled since the last decision, and spare call records: arrays used as stacks with
  // their own counts, because emptying an array frees its backing store and the next push allocates.
  private readonly probed: Frame[] = [];
  private probedCount = 0;
  private readonly spare: CallRecord[] = [];
  private spareCount = 0;

  constructor(
    private readonly x: Execution,
    private readonly kernel: KernelServices,
  ) {}

  /** A kernel call from the guest. Returns 0 or a refusal. */
  make(callId: number, op: number, a: Prim, b: Prim, c: Prim, d: Prim, e: Prim, f: Prim, g: Prim): number {
    const x = this.x;
    if (x.over) return Refusal.Stopped;
    const ctx = x.executing;
    if (ctx === null || ctx.done) return Refusal.BadArgument;
    const seq = x.nextSeq();
    const frame = ctx.frame;
    // Every call is a scheduling point: what the context touched before it needs no other.
    ctx.exposed = null;
    if (op !== Op.SchedulingPoint) {
      x.kernelCalls++;
      if (frame !== null) {
        frame.lastCallSeq = seq;
        frame.lastEventSeq = seq;
        frame.lastCallOp = op;
      }
    }
    const pendingBefore = ctx.pending.length;
    if (pendingBefore > 0 && x.wants('call')) x.emit({ type: 'call', ctx, op, pendingBefore, seq });
    const spare = this.spareCount > 0 ? this.spare[--this.spareCount]! : undefined;
    // A new record is a literal of the real values, not a blank one filled in: the blank's placeholder
    // values cost the engine bench 2–3% (measured), though this repeats the field list.
    if (spare === undefined) {
      ctx.pending.push({ callId, op, a, b, c, d, e, f, g, seq, frame, phase: 0, saved: undefined });
    } else {
      spare.callId = callId;
      spare.op = op;
      spare.a = a;
      spare.b = b;
      spare.c = c;
      spare.d = d;
      spare.e = e;
      spare.f = f;
      spare.g = g;
      spare.seq = seq;
      spare.frame = frame;
      spare.phase = 0;
      spare.saved = undefined;
      ctx.pending.push(spare);
    }
    if (pendingBefore === 0 && ctx.state === 'running') x.atGate(ctx, 'gate');
    return 0;
  }

  /** Sets the value an op hands back to the guest. */
  returns(value: Prim, isRef: boolean): OpStatus.Done {
    this.resultValue = value;
    this.resultIsRef = isRef;
    return OpStatus.Done;
  }

  /** Runs `call`, the oldest pending call of `ctx`, which the strategy just picked. */
  run(ctx: Context, call: PendingCall): void {
    const x = this.x;
    x.executing = ctx;
    ctx.state = 'running';
    x.running = ctx;
    const handler = this.kernel.ops[call.op];
    if (handler === undefined) {
      this.fail(ctx, call, Refusal.BadArgument, 'Unknown kernel routine.');
      return;
    }
    x.trace.mix(call.op);
    if (x.trace.enabled) {
      if (call.op !== Op.SchedulingPoint) x.trace.record(x, ctx, 'call', x.trace.describeCall(call), callTarget(x, call), call.seq);
      else if (x.choiceAtLastStep) x.trace.record(x, ctx, 'call', x.trace.describeCall(call), ctx.pointField, call.seq);
    }
    if (call.frame !== null && IRQL_OPS.has(call.op)) call.frame.lastIrqlSeq = call.seq;
    const status = handler(x, ctx, call);
    if (status === OpStatus.Done) {
      this.complete(ctx, call, this.resultValue, this.resultIsRef);
    } else if (status === OpStatus.Blocked) {
      if (ctx.state === 'running') ctx.state = 'blocked';
      if (x.running === ctx) x.running = null;
    }
  }

  /**
   * Takes a call out of the context's queue while its op runs a routine of
   * its own (KeSynchronizeExecution): it is in progress, no longer waiting.
   */
  detach(ctx: Context, call: PendingCall): void {
    const pending = ctx.pending;
    // Calls settle in order almost always: look at the oldest first.
    const at = pending[0] === call ? 0 : pending.indexOf(call);
    if (at === 0) pending.shift();
    else if (at > 0) pending.splice(at, 1);
  }

  /** Resumes the guest's call with `value`. */
  complete(ctx: Context, call: PendingCall, value: Prim, isRef: boolean): void {
    const x = this.x;
    if (x.over) return;
    this.settle(ctx, call);
    x.control.resume(call.callId, value, isRef);
    this.probeResume(call.frame);
    this.recycle(call);
  }

  /** Makes a call throw in the guest (`code` is a Refusal) and lets the context continue. */
  fail(ctx: Context, call: PendingCall, code: number, message: string): OpStatus.Settled {
    this.settle(ctx, call);
    this.x.control.fail(call.callId, code, message);
    this.probeResume(call.frame);
    this.recycle(call);
    return OpStatus.Settled;
  }

  /** Marks the frames settled before this microtask as resumed (see {@link probeResume}). */
  markResumed(): void {
    const frames = this.probed;
    for (let i = 0; i < this.probedCount; i++) frames[i]!.resumedSinceSettle = true;
    this.probedCount = 0;
  }

  private settle(ctx: Context, call: PendingCall): void {
    const x = this.x;
    this.detach(ctx, call);
    if (ctx.pending.length > 0) {
      ctx.state = 'gate';
      if (x.running === ctx) x.running = null;
      x.scheduleDecision();
      return;
    }
    const frame = ctx.frame;
    if (frame !== null && frame.outcome !== null) {
      x.frames.finish(frame);
      return;
    }
    ctx.state = 'running';
    x.running = ctx;
    x.executing = ctx;
  }

  /** Keeps a settled call's record for the next call (calls are the hottest allocation). */
  private recycle(call: PendingCall): void {
    const record = call as CallRecord;
    record.frame = null;
    record.saved = undefined;
    this.spare[this.spareCount++] = record;
  }

  /**
   * After settling a call of `frame`: the frame counts as resumed once the
   * next decision microtask runs, which is queued now — after the student's
   * continuation, which settling queued first. A return notification that
   * arrives before it was queued before the call settled: a missing await.
   * See {@link Frame.resumedSinceSettle}.
   */
  private probeResume(frame: Frame | null): void {
    if (frame !== null) {
      frame.resumedSinceSettle = false;
      this.probed[this.probedCount++] = frame;
    }
    this.x.scheduleDecision();
  }
}

/** Kernel calls whose first argument is an object (a lock, a list head, an IRP, a DPC…), named on the timeline. */
const OBJECT_FIRST_OPS: ReadonlySet<number> = new Set([
  Op.KeInitializeSpinLock, Op.KeAcquireSpinLock, Op.KeReleaseSpinLock, Op.KeAcquireSpinLockAtDpcLevel, Op.KeReleaseSpinLockFromDpcLevel,
  Op.KeTryToAcquireSpinLockAtDpcLevel, Op.KeAcquireInStackQueuedSpinLock, Op.KeReleaseInStackQueuedSpinLock, Op.KeAcquireInStackQueuedSpinLockAtDpcLevel,
  Op.KeReleaseInStackQueuedSpinLockFromDpcLevel, Op.KeAcquireInterruptSpinLock, Op.KeReleaseInterruptSpinLock, Op.ExInterlockedInsertHeadList,
  Op.ExInterlockedInsertTailList, Op.ExInterlockedRemoveHeadList, Op.ExInterlockedPushEntryList, Op.ExInterlockedPopEntryList, Op.ExInterlockedAddUlong,
  Op.KeInitializeDpc, Op.KeInsertQueueDpc, Op.IoInitializeDpcRequest, Op.IoRequestDpc, Op.IoDisconnectInterrupt, Op.KeSynchronizeExecution,
  Op.IoCompleteRequest, Op.ExFreePool, Op.KeInitializeEvent, Op.KeSetEvent, Op.KeClearEvent, Op.KeWaitForSingleObject,
]);

/** The object a kernel call takes first (its lock, list head, IRP…), by its path, for the timeline. */
function callTarget(x: Execution, call: PendingCall): string | undefined {
  if (!OBJECT_FIRST_OPS.has(call.op) || typeof call.a !== 'number') return undefined;
  return x.memory.get(call.a)?.path;
}
