/**
 * One execution of the driver under one schedule: the machine's state, the
 * scheduling loop, and the contexts' lifecycles.
 *
 * Student code runs on promises. A context runs until it reaches a
 * scheduling point (a kernel call, or a scenario step); then the loop asks
 * the strategy to pick the next enabled action. Everything happens in
 * microtasks, so if the microtask queue ever drains while a context is
 * running, that context awaited something that never settles: a watchdog
 * (one macrotask) reports it instead of hanging.
 */
import { DISPATCH_LEVEL } from '../kernel/irql.js';
import { Op, Refusal, type GuestControl, type Prim } from '../kernel/protocol.js';
import type { Action, SchedulePicker } from './actions.js';
import { Context, type ContextKind, type PendingCall } from './context.js';
import { Cpu } from './cpu.js';
import { EventBus } from './event-bus.js';
import type { MachineEvent, MachineEventType, StopReason } from './events.js';
import { Frame, type FrameKind, type FrameOutcome } from './frame.js';
import type { InterruptSource } from './interrupts.js';
import { Memory, type Cell } from './memory.js';
import type { GuestRealm, RawSite } from './realm.js';
import { TraceRecorder, type TraceEntry } from './trace.js';

/** How an op handler left a kernel call. */
export const enum OpStatus {
  /** Finished: resume the guest with the execution's result. */
  Done,
  /** The context spins or waits; run the handler again when it is woken. */
  Blocked,
  /** The op continues on its own (it invoked a routine) and will call {@link Execution.completeCall}. */
  Async,
  /** The op threw into the guest (see {@link Execution.failCall}); or the schedule stopped. */
  Settled,
}

/** Runs one kernel call for a context. */
export type OpHandler = (x: Execution, ctx: Context, call: PendingCall) => OpStatus;

/** The kernel's side of the machine, supplied by `src/machine/kernel/`. */
export interface KernelServices {
  /** What each kernel call does, by op code. */
  readonly ops: Readonly<Record<number, OpHandler>>;
  /** Takes the next DPC off `cpu`'s queue and starts it; returns its context. */
  startDpc(x: Execution, cpu: Cpu): Context;
  /** Delivers an interrupt from `source` on `cpu`; returns the ISR's context. */
  deliverInterrupt(x: Execution, cpu: Cpu, source: InterruptSource): Context;
  /** Called when no action is enabled, before the schedule ends (deadlock and hang detection). */
  finish(x: Execution): void;
  /** Called after a frame's return was reported: undo what it left behind (held locks, raised IRQL). */
  frameEnded(x: Execution, frame: Frame): void;
}

/** Options for one execution. */
export interface ExecutionOptions {
  readonly cpus: number;
  /** Scheduling decisions allowed before the schedule is cut off (a step-limit finding). */
  readonly maxSteps: number;
  readonly picker: SchedulePicker;
  readonly realm: GuestRealm;
  /** The observers (checks), already sorted by event type (an exploration makes this once). */
  readonly bus: EventBus;
  /** The kernel: what each op does, how DPCs start and interrupts arrive. */
  readonly kernel: KernelServices;
  /** Record the student's source site of every event (slow; used to locate findings). */
  readonly capture?: boolean;
  /** Record a timeline of every step (for `spinlab replay`). */
  readonly trace?: boolean;
  /** Seed for the guest's `Math.random`. */
  readonly seed: number;
}

/** What an execution produced. */
export interface ExecutionOutcome {
  readonly steps: number;
  readonly kernelCalls: number;
  readonly stopped: StopReason | null;
  /** The index chosen at each decision that had a choice, and how many options it had. */
  readonly choices: readonly number[];
  readonly radices: readonly number[];
  /** A digest of the whole trace: the same for the same schedule, always. */
  readonly digest: number;
  readonly sites: ReadonlyMap<number, RawSite>;
  readonly timeline: readonly TraceEntry[];
  /** A bug in spinlab that abandoned the schedule (never the student's fault). */
  readonly internalFailure: Error | null;
}

const RESOLVED = Promise.resolve();

/** Kernel calls whose first argument is an object (a lock, a list head, an IRP, a DPC…), named on the timeline. */
const OBJECT_FIRST_OPS: ReadonlySet<number> = new Set([
  Op.KeInitializeSpinLock, Op.KeAcquireSpinLock, Op.KeReleaseSpinLock, Op.KeAcquireSpinLockAtDpcLevel, Op.KeReleaseSpinLockFromDpcLevel,
  Op.KeTryToAcquireSpinLockAtDpcLevel, Op.KeAcquireInStackQueuedSpinLock, Op.KeReleaseInStackQueuedSpinLock, Op.KeAcquireInStackQueuedSpinLockAtDpcLevel,
  Op.KeReleaseInStackQueuedSpinLockFromDpcLevel, Op.KeAcquireInterruptSpinLock, Op.KeReleaseInterruptSpinLock, Op.ExInterlockedInsertHeadList,
  Op.ExInterlockedInsertTailList, Op.ExInterlockedRemoveHeadList, Op.ExInterlockedPushEntryList, Op.ExInterlockedPopEntryList, Op.ExInterlockedAddUlong,
  Op.KeInitializeDpc, Op.KeInsertQueueDpc, Op.IoInitializeDpcRequest, Op.IoRequestDpc, Op.IoDisconnectInterrupt, Op.KeSynchronizeExecution,
  Op.IoCompleteRequest, Op.ExFreePool, Op.KeInitializeEvent, Op.KeSetEvent, Op.KeClearEvent, Op.KeWaitForSingleObject,
]);

/** Stack frames captured to find the student's line of a kernel call (the sandbox child's --stack-trace-limit). */
export const SITE_FRAMES = 40;

/** A pending call as the execution fills it in (ops see it read-only). */
type CallRecord = { -readonly [K in keyof PendingCall]: PendingCall[K] };

/** Ops that take or release a lock or change IRQL (a routine returning at the wrong IRQL is sited at the last of them). */
const IRQL_OPS: ReadonlySet<number> = new Set([
  Op.KeAcquireSpinLock, Op.KeReleaseSpinLock, Op.KeAcquireSpinLockAtDpcLevel, Op.KeReleaseSpinLockFromDpcLevel,
  Op.KeTryToAcquireSpinLockAtDpcLevel, Op.KeAcquireInStackQueuedSpinLock, Op.KeReleaseInStackQueuedSpinLock,
  Op.KeAcquireInStackQueuedSpinLockAtDpcLevel, Op.KeReleaseInStackQueuedSpinLockFromDpcLevel,
  Op.KeAcquireInterruptSpinLock, Op.KeReleaseInterruptSpinLock, Op.KeRaiseIrql, Op.KeLowerIrql,
]);

/** One execution. */
export class Execution {
  readonly cpus: Cpu[] = [];
  readonly contexts: Context[] = [];
  readonly memory = new Memory();
  readonly sources: InterruptSource[] = [];
  readonly realm: GuestRealm;
  readonly picker: SchedulePicker;
  control!: GuestControl;
  /** The context whose code is executing (not at a scheduling point), if any. */
  running: Context | null = null;
  /** The context whose code ran last: guest calls and memory accesses are attributed to it. */
  executing: Context | null = null;
  /** Event sequence number: every call, access and kernel event gets the next one. */
  seq = 0;
  steps = 0;
  kernelCalls = 0;
  /** The result an op handler sets before returning {@link OpStatus.Done}. */
  resultValue: Prim = undefined;
  resultIsRef = false;
  readonly trace: TraceRecorder;

  private readonly options: ExecutionOptions;
  private readonly capturing: boolean;
  /** The observers (checks), by event type. */
  readonly bus: EventBus;
  private readonly frames: Array<Frame | undefined> = [];
  private readonly actions: Action[] = [];
  private readonly choices: number[] = [];
  private readonly radices: number[] = [];
  private readonly sites = new Map<number, RawSite>();
  private stopReason: StopReason | null = null;
  private ended = false;
  private decisionQueued = false;
  private lastKey = -1;
  private watchdog: ReturnType<typeof setImmediate> | undefined;
  private finished: (() => void) | undefined;
  private readonly decideBound = (): void => this.decide();
  // Frames settled since the last decision, and spare call records: arrays used as stacks with
  // their own counts, because emptying an array frees its backing store and the next push allocates.
  private readonly probed: Frame[] = [];
  private probedCount = 0;
  private readonly spareCalls: CallRecord[] = [];
  private spareCount = 0;

  constructor(options: ExecutionOptions) {
    this.options = options;
    this.capturing = options.capture === true;
    this.realm = options.realm;
    this.picker = options.picker;
    this.trace = new TraceRecorder(options.trace === true);
    for (let i = 0; i < options.cpus; i++) this.cpus.push(new Cpu(i));
    this.bus = options.bus;
  }

  /** Whether some observer wants events of `type`. */
  wants(type: MachineEventType): boolean {
    return this.bus.wants(type);
  }

  /** Sends an event to the observers that asked for its type. */
  emit(event: MachineEvent): void {
    this.bus.emit(event);
  }

  /** Whether the schedule has ended (normally or stopped). */
  get over(): boolean {
    return this.ended;
  }

  /** The next event sequence number; records the student's site for it when capturing. */
  nextSeq(): number {
    const seq = ++this.seq;
    if (this.capturing) this.captureSite(seq);
    return seq;
  }

  // ---- running the schedule ------------------------------------------------

  /**
   * Runs the schedule: `main` is the boot thread's body (the scenario). Ends
   * when no action is enabled, or when the schedule is stopped.
   */
  run(control: GuestControl, main: (boot: Context) => Promise<void>): Promise<ExecutionOutcome> {
    this.control = control;
    return new Promise<ExecutionOutcome>((resolve) => {
      if (this.ended) {
        resolve(this.outcome());
        return;
      }
      this.finished = () => resolve(this.outcome());
      this.armWatchdog();
      const boot = this.createContext('thread', 'System', this.cpus[0]!, 0);
      this.cpus[0]!.threads.push(boot);
      this.cpus[0]!.stack.push(boot);
      boot.state = 'running';
      this.running = boot;
      this.executing = boot;
      this.startBody(boot, main);
    });
  }

  /** Stops the schedule now (a bug check, a hang, a deadlock, the step budget). */
  stop(reason: StopReason): void {
    if (this.ended) return;
    this.stopReason = reason;
    this.emit({ type: 'stop', reason, seq: this.seq });
    this.end();
  }

  private end(): void {
    this.ended = true;
    this.running = null;
    if (this.watchdog !== undefined) clearImmediate(this.watchdog);
    this.watchdog = undefined;
    const done = this.finished;
    this.finished = undefined;
    if (done !== undefined) RESOLVED.then(done);
  }

  private outcome(): ExecutionOutcome {
    if (this.trace.enabled && this.capturing) this.trace.locate(this.sites);
    return {
      steps: this.steps,
      kernelCalls: this.kernelCalls,
      stopped: this.stopReason,
      choices: this.choices,
      radices: this.radices,
      digest: this.trace.digest,
      sites: this.sites,
      timeline: this.trace.entries,
      internalFailure: this.internalFailure,
    };
  }

  private armWatchdog(): void {
    this.watchdog = setImmediate(() => {
      this.watchdog = undefined;
      if (this.ended) return;
      const stuck = this.running ?? this.executing;
      if (stuck !== null) this.stop({ kind: 'stuck', ctx: stuck });
      else this.stop({ kind: 'step-limit', ctx: null, steps: this.steps, detail: 'the machine stalled' });
    });
  }

  // ---- contexts -------------------------------------------------------------

  /** Makes a context (not yet on any CPU stack). */
  createContext(kind: ContextKind, name: string, cpu: Cpu, irql: number): Context {
    const ctx = new Context(this.contexts.length, kind, name, cpu, irql);
    ctx.runAction = { kind: kind === 'thread' ? 'switch' : 'run', cpu, ctx, source: null, key: ctx.id };
    this.contexts.push(ctx);
    return ctx;
  }

  /**
   * Starts a thread with affinity to `cpu` running `body`; it first waits at
   * a scheduling point. The starting context's history happens before it.
   */
  startThread(parent: Context, name: string, cpu: Cpu, body: (ctx: Context) => Promise<void>): Context {
    const ctx = this.createContext('thread', name, cpu, 0);
    cpu.threads.push(ctx);
    this.bus.sync('fork', parent, ctx, ctx);
    ctx.state = 'gate';
    ctx.gateResolve = () => this.startBody(ctx, body);
    return ctx;
  }

  /** Makes `ctx` the running context and runs `body` in it (a DPC or ISR starting). */
  launch(ctx: Context, body: (ctx: Context) => Promise<void>): void {
    ctx.state = 'running';
    this.running = ctx;
    this.executing = ctx;
    this.startBody(ctx, body);
  }

  /** Runs `body` in `ctx` (already running) and ends the context when it settles. */
  startBody(ctx: Context, body: (ctx: Context) => Promise<void>): void {
    body(ctx).then(
      () => this.contextDone(ctx),
      (error: unknown) => this.internalError(error),
    );
  }

  /** A context's body ended: take it off its CPU. */
  contextDone(ctx: Context): void {
    if (this.ended) return;
    ctx.state = 'done';
    const stack = ctx.cpu.stack;
    const at = stack.lastIndexOf(ctx);
    if (at >= 0) stack.splice(at, 1);
    if (ctx.kind === 'thread') {
      const threads = ctx.cpu.threads;
      const index = threads.indexOf(ctx);
      if (index >= 0) threads.splice(index, 1);
    }
    if (this.running === ctx) this.running = null;
    this.scheduleDecision();
  }

  /** A host body's scheduling point: resolves when the strategy picks this context. */
  gate(ctx: Context): Promise<void> {
    return new Promise<void>((resolve) => {
      ctx.gateResolve = resolve;
      this.atGate(ctx, 'gate');
    });
  }

  /** Blocks a host body until {@link wake} (waiting for an IRP, an event, a lock). */
  block(ctx: Context, waitingFor: string): Promise<void> {
    return new Promise<void>((resolve) => {
      ctx.gateResolve = resolve;
      ctx.waitingFor = waitingFor;
      this.atGate(ctx, 'blocked');
    });
  }

  /** Makes a blocked context enabled again (it continues when the strategy picks it). */
  wake(ctx: Context): void {
    if (ctx.state !== 'blocked') return;
    ctx.state = 'gate';
    ctx.waitingFor = null;
  }

  private atGate(ctx: Context, state: 'gate' | 'blocked'): void {
    ctx.state = state;
    if (this.running === ctx) this.running = null;
    this.scheduleDecision();
  }

  /**
   * Invokes student routine `fn` in `ctx` as a new frame; resolves with how
   * it ended. The guest runs it synchronously up to its first kernel call.
   */
  invoke(ctx: Context, fn: number, kind: FrameKind, routine: string, args: ReadonlyArray<readonly [Prim, boolean]>): Promise<FrameOutcome> {
    return new Promise<FrameOutcome>((settle) => {
      const frame = new Frame(this.frames.length, ctx, routine, kind, ctx.irql, settle);
      this.frames.push(frame);
      ctx.frames.push(frame);
      if (this.wants('frame-enter')) this.emit({ type: 'frame-enter', ctx, frame });
      this.trace.record(this, ctx, 'enter', `enter ${routine}`);
      ctx.state = 'running';
      this.running = ctx;
      this.executing = ctx;
      const a = (i: number): readonly [Prim, boolean] => args[i] ?? [undefined, false];
      this.control.invoke(frame.id, fn, args.length, a(0)[0], a(0)[1], a(1)[0], a(1)[1], a(2)[0], a(2)[1], a(3)[0], a(3)[1]);
    });
  }

  // ---- the guest's side of the bridge ----------------------------------------

  /** A kernel call from the guest. Returns 0 or a refusal. */
  onCall(callId: number, op: number, a: Prim, b: Prim, c: Prim, d: Prim, e: Prim, f: Prim, g: Prim): number {
    if (this.ended) return Refusal.Stopped;
    const ctx = this.executing;
    if (ctx === null || ctx.done) return Refusal.BadArgument;
    const seq = this.nextSeq();
    this.kernelCalls++;
    const frame = ctx.frame;
    if (frame !== null) {
      frame.lastCallSeq = seq;
      frame.lastEventSeq = seq;
      frame.lastCallOp = op;
    }
    const pendingBefore = ctx.pending.length;
    if (pendingBefore > 0 && this.wants('call')) this.emit({ type: 'call', ctx, op, pendingBefore, seq });
    const spare = this.spareCount > 0 ? this.spareCalls[--this.spareCount]! : undefined;
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
    if (pendingBefore === 0 && ctx.state === 'running') this.atGate(ctx, 'gate');
    return 0;
  }

  /** A routine frame returned. */
  onReturned(frameId: number, value: Prim, isRef: boolean): void {
    this.endFrame(frameId, { kind: 'returned', value, isRef });
  }

  /** A routine frame threw: the simulated bug check. */
  onThrew(frameId: number, description: string): void {
    let parsed: { message?: string; stack?: string } = {};
    try {
      parsed = JSON.parse(description) as typeof parsed;
    } catch {
      parsed = { message: 'an error spinlab could not read' };
    }
    this.endFrame(frameId, { kind: 'threw', message: String(parsed.message ?? ''), stack: String(parsed.stack ?? '') });
  }

  private endFrame(frameId: number, outcome: FrameOutcome): void {
    const frame = this.frames[frameId];
    if (frame === undefined || this.ended || frame.outcome !== null) return;
    frame.outcome = outcome;
    const ctx = frame.ctx;
    if (outcome.kind === 'threw') {
      this.stop({ kind: 'threw', ctx, frame, message: outcome.message, stack: outcome.stack });
      return;
    }
    if (ctx.pending.length > 0) {
      // A missing await: finish the frame once its pending calls have run.
      if (this.wants('pending-misuse')) this.emit({ type: 'pending-misuse', ctx, what: 'return', seq: frame.lastCallSeq });
      return;
    }
    if (!frame.resumedSinceSettle && this.wants('pending-misuse')) {
      // It returned before its last call settled, though the call ran first: also a missing await.
      this.emit({ type: 'pending-misuse', ctx, what: 'return', op: frame.lastCallOp, seq: frame.lastCallSeq });
    }
    this.finishFrame(frame);
  }

  private finishFrame(frame: Frame): void {
    const ctx = frame.ctx;
    const outcome = frame.outcome!;
    if (this.wants('frame-return')) {
      this.emit({ type: 'frame-return', ctx, frame, outcome, irql: ctx.irql, pending: 0, seq: frame.lastCallSeq });
    }
    this.trace.record(this, ctx, 'return', `return from ${frame.routine}`);
    this.options.kernel.frameEnded(this, frame);
    const at = ctx.frames.lastIndexOf(frame);
    if (at >= 0) ctx.frames.splice(at, 1);
    this.frames[frame.id] = undefined;
    if (this.ended) return;
    ctx.state = 'running';
    this.running = ctx;
    this.executing = ctx;
    frame.settle(outcome);
  }

  /** Marks an access made while the context still has a kernel call pending. */
  notePendingAccess(ctx: Context, seq: number): void {
    if (this.wants('pending-misuse')) this.emit({ type: 'pending-misuse', ctx, what: 'access', seq });
  }

  // ---- kernel calls -----------------------------------------------------------

  /** Sets the value an op hands back to the guest. */
  returns(value: Prim, isRef = false): OpStatus.Done {
    this.resultValue = value;
    this.resultIsRef = isRef;
    return OpStatus.Done;
  }

  /**
   * Takes a call out of the context's queue while its op runs a routine of
   * its own (KeSynchronizeExecution): it is in progress, no longer waiting.
   */
  detachCall(ctx: Context, call: PendingCall): void {
    const pending = ctx.pending;
    // Calls settle in order almost always: look at the oldest first.
    const at = pending[0] === call ? 0 : pending.indexOf(call);
    if (at === 0) pending.shift();
    else if (at > 0) pending.splice(at, 1);
  }

  /** Completes a call that an {@link OpStatus.Async} op finished later. */
  completeCall(ctx: Context, call: PendingCall, value: Prim, isRef: boolean): void {
    if (this.ended) return;
    this.settleCall(ctx, call);
    this.control.resume(call.callId, value, isRef);
    this.probeResume(call.frame);
    this.recycle(call);
  }

  /** Keeps a settled call's record for the next call (calls are the hottest allocation). */
  private recycle(call: PendingCall): void {
    const record = call as CallRecord;
    record.frame = null;
    record.saved = undefined;
    this.spareCalls[this.spareCount++] = record;
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
    this.scheduleDecision();
  }

  /** Marks the frames settled before this microtask as resumed. */
  private markResumed(): void {
    const frames = this.probed;
    for (let i = 0; i < this.probedCount; i++) frames[i]!.resumedSinceSettle = true;
    this.probedCount = 0;
  }

  /** Makes a call throw in the guest (`code` is a Refusal) and lets the context continue. */
  failCall(ctx: Context, call: PendingCall, code: number, message: string): OpStatus.Settled {
    this.settleCall(ctx, call);
    this.control.fail(call.callId, code, message);
    this.probeResume(call.frame);
    this.recycle(call);
    return OpStatus.Settled;
  }

  private settleCall(ctx: Context, call: PendingCall): void {
    this.detachCall(ctx, call);
    if (ctx.pending.length > 0) {
      ctx.state = 'gate';
      if (this.running === ctx) this.running = null;
      this.scheduleDecision();
      return;
    }
    const frame = ctx.frame;
    if (frame !== null && frame.outcome !== null) {
      this.finishFrame(frame);
      return;
    }
    ctx.state = 'running';
    this.running = ctx;
    this.executing = ctx;
  }

  private runCall(ctx: Context, call: PendingCall): void {
    this.executing = ctx;
    ctx.state = 'running';
    this.running = ctx;
    const handler = this.options.kernel.ops[call.op];
    if (handler === undefined) {
      this.failCall(ctx, call, Refusal.BadArgument, 'Unknown kernel routine.');
      return;
    }
    this.trace.mix(call.op);
    if (this.trace.enabled) this.trace.record(this, ctx, 'call', this.trace.describeCall(call), this.callTarget(call), call.seq);
    if (call.frame !== null && IRQL_OPS.has(call.op)) call.frame.lastIrqlSeq = call.seq;
    const status = handler(this, ctx, call);
    if (status === OpStatus.Done) {
      this.completeCall(ctx, call, this.resultValue, this.resultIsRef);
    } else if (status === OpStatus.Blocked) {
      if (ctx.state === 'running') ctx.state = 'blocked';
      if (this.running === ctx) this.running = null;
    }
  }

  // ---- scheduling -------------------------------------------------------------

  /** Queues the next scheduling decision (once). */
  scheduleDecision(): void {
    if (this.decisionQueued || this.ended) return;
    this.decisionQueued = true;
    // A resolved promise's then() is a plain V8 microtask; queueMicrotask would add an async-hooks resource per call.
    RESOLVED.then(this.decideBound);
  }

  private decide(): void {
    this.decisionQueued = false;
    this.markResumed();
    try {
      this.decideLoop();
    } catch (error) {
      this.internalError(error);
    }
  }

  private decideLoop(): void {
    while (!this.ended && this.running === null) {
      const count = this.collectActions();
      const actions = this.actions;
      if (count === 0) {
        this.finishSchedule();
        return;
      }
      if (++this.steps > this.options.maxSteps) {
        this.stop({ kind: 'step-limit', ctx: this.executing, steps: this.options.maxSteps, detail: 'scheduling decisions' });
        return;
      }
      let index = 0;
      if (count > 1) {
        index = this.picker.pick(actions, count, this.lastKey);
        if (!(index >= 0 && index < count)) index = 0;
        this.choices.push(index);
        this.radices.push(count);
      }
      const action = actions[index]!;
      this.trace.mix(action.key);
      this.perform(action);
    }
  }

  /**
   * Fills {@link actions} with the actions enabled now, in a fixed order (CPU
   * by CPU), and returns how many; entries past the count are stale (the
   * array is reused: truncating it would free its backing store every step).
   */
  private collectActions(): number {
    const actions = this.actions;
    let n = 0;
    const cpus = this.cpus;
    const sources = this.sources;
    for (let c = 0; c < cpus.length; c++) {
      const cpu = cpus[c]!;
      const stack = cpu.stack;
      const top = stack.length === 0 ? undefined : stack[stack.length - 1]!;
      const irql = top === undefined ? 0 : top.irql;
      if (top !== undefined && top.runnable) actions[n++] = top.runAction!;
      // A thread below DISPATCH_LEVEL can be preempted by another thread of its CPU.
      if (top === undefined || (top.kind === 'thread' && irql < DISPATCH_LEVEL)) {
        const threads = cpu.threads;
        for (let t = 0; t < threads.length; t++) {
          const thread = threads[t]!;
          if (thread !== top && thread.runnable) actions[n++] = thread.runAction!;
        }
      }
      if (irql < DISPATCH_LEVEL && cpu.dpcQueue.length > 0) actions[n++] = cpu.dpcAction;
      for (let s = 0; s < sources.length; s++) {
        const source = sources[s]!;
        const connected = source.connected;
        if (!source.armed || source.remaining <= 0 || connected === null || !connected.connected || irql >= connected.irql) continue;
        for (const action of source.actions) if (action.cpu === cpu) actions[n++] = action;
      }
    }
    return n;
  }

  private perform(action: Action): void {
    const cpu = action.cpu;
    switch (action.kind) {
      case 'switch': {
        const ctx = action.ctx!;
        if (cpu.top !== ctx) {
          // Only a thread below DISPATCH_LEVEL (or nothing) is on the stack: swap it out.
          if (cpu.stack.length > 0) cpu.stack[0] = ctx;
          else cpu.stack.push(ctx);
          this.trace.record(this, ctx, 'switch', 'switched in');
        }
        this.lastKey = action.key;
        this.resume(ctx);
        return;
      }
      case 'run':
        this.lastKey = action.key;
        this.resume(action.ctx!);
        return;
      case 'dpc':
        this.lastKey = this.options.kernel.startDpc(this, cpu).id;
        return;
      case 'interrupt':
        this.lastKey = this.options.kernel.deliverInterrupt(this, cpu, action.source!).id;
        return;
    }
  }

  /** Resumes a context picked by the strategy. */
  private resume(ctx: Context): void {
    if (ctx.pending.length > 0) {
      this.runCall(ctx, ctx.pending[0]!);
      return;
    }
    const resolve = ctx.gateResolve;
    ctx.gateResolve = null;
    ctx.state = 'running';
    this.running = ctx;
    this.executing = ctx;
    if (resolve !== null) resolve();
  }

  private finishSchedule(): void {
    this.options.kernel.finish(this);
    if (this.ended) return;
    this.emit({ type: 'end', hung: this.contexts.filter((c) => !c.done) });
    this.end();
  }

  /** Puts a tracked-memory access on the timeline (when one is recorded). */
  traceAccess(ctx: Context, cell: Cell, write: boolean, seq: number): void {
    if (this.trace.enabled) this.trace.record(this, ctx, write ? 'write' : 'read', write ? 'writes' : 'reads', this.memory.fieldPath(cell.object, cell.key), seq);
  }

  /** The object a kernel call takes first (its lock, list head, IRP…), by its path, for the timeline. */
  private callTarget(call: PendingCall): string | undefined {
    if (!OBJECT_FIRST_OPS.has(call.op) || typeof call.a !== 'number') return undefined;
    return this.memory.get(call.a)?.path;
  }

  /** Abandons the schedule after a bug in spinlab itself (never the student's fault). */
  internalError(error: unknown): void {
    if (this.ended) return;
    this.internalFailure = error instanceof Error ? error : new Error(String(error));
    this.end();
  }

  /** A bug in spinlab that ended the schedule, if any. */
  internalFailure: Error | null = null;

  private captureSite(seq: number): void {
    const holder: { stack?: string } = {};
    // The sandbox child runs with --stack-trace-limit=40 and frozen intrinsics, so it never assigns here.
    const limit = Error.stackTraceLimit;
    if (limit < SITE_FRAMES) Error.stackTraceLimit = SITE_FRAMES;
    Error.captureStackTrace(holder);
    if (limit < SITE_FRAMES) Error.stackTraceLimit = limit;
    const site = this.realm.locate(holder.stack ?? '');
    if (site !== undefined) this.sites.set(seq, site);
  }

  /** The guest's pending call that a context's current op is running, if any. */
  currentCall(ctx: Context): PendingCall | undefined {
    return ctx.pending[0];
  }
}
