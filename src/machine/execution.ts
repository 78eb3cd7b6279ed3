/**
 * One execution of the driver under one schedule: the machine's state and
 * the contexts' lifecycles; its parts are the kernel calls (kernel-calls.ts),
 * the routines' frames (routine-frames.ts) and the scheduling loop
 * (decision-loop.ts). A context runs until a scheduling point (a kernel
 * call, a scenario step), then the loop lets the strategy pick what runs.
 * All in microtasks: if the queue drains while a context runs, it awaited
 * something that never settles, and a watchdog (one macrotask) reports it.
 */
import type { GuestControl, Prim } from '../kernel/protocol.js';
import type { SchedulePicker } from './actions.js';
import { Context, type ContextKind, type PendingCall } from './context.js';
import { Cpu } from './cpu.js';
import { DecisionLoop, RESOLVED } from './decision-loop.js';
import type { EventBus } from './event-bus.js';
import type { MachineEvent, MachineEventType, StopReason } from './events.js';
import { FaultLedger } from './faults.js';
import type { FrameKind, FrameOutcome } from './frame.js';
import type { InterruptSource } from './interrupts.js';
import { KernelCalls } from './kernel-calls.js';
import type { OpStatus } from './kernel-services.js';
import { Memory, noteWriter, type Cell } from './memory.js';
import type { GuestRealm, RawSite } from './realm.js';
import { RoutineFrames } from './routine-frames.js';
import { captureSite } from './site-capture.js';
import { TraceRecorder } from './trace.js';
import type { ExecutionOptions, ExecutionOutcome } from './execution-options.js';

export { OpStatus, type KernelServices, type OpHandler } from './kernel-services.js';
export type { ExecutionOptions, ExecutionOutcome } from './execution-options.js';
export { SITE_FRAMES } from './site-capture.js';

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
  readonly trace: TraceRecorder;
  /** The observers (checks), by event type. */
  readonly bus: EventBus;
  readonly calls: KernelCalls;
  readonly frames: RoutineFrames;
  /** A bug in spinlab that ended the schedule, if any. */
  internalFailure: Error | null = null;
  /** Whether the last scheduling decision had more than one option (a lone scheduling point is left off the timeline). */
  choiceAtLastStep = false;
  /** Whether unlocked tracked accesses make scheduling points (see {@link ExecutionOptions.accessPoints}). */
  readonly accessPoints: boolean;

  /** The faultable calls made so far, and the failures injected (see faults.ts). */
  readonly faults = new FaultLedger(this, (failed) => this.loop.recordFault(failed));

  private readonly loop: DecisionLoop;
  private readonly capturing: boolean;
  private readonly sites = new Map<number, RawSite>();
  private stopReason: StopReason | null = null;
  private ended = false;
  private watchdog: ReturnType<typeof setImmediate> | undefined;
  private finished: (() => void) | undefined;

  constructor(options: ExecutionOptions) {
    this.capturing = options.capture === true;
    this.accessPoints = options.accessPoints !== false;
    this.realm = options.realm;
    this.picker = options.picker;
    this.trace = new TraceRecorder(options.trace === true);
    for (let i = 0; i < options.cpus; i++) this.cpus.push(new Cpu(i));
    this.bus = options.bus;
    this.calls = new KernelCalls(this, options.kernel);
    this.frames = new RoutineFrames(this);
    this.loop = new DecisionLoop(this, options.kernel, options.maxSteps);
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
    if (this.capturing) captureSite(this.realm, this.sites, seq);
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

  /** Ends the schedule (its outcome is then handed to {@link run}'s caller). */
  end(): void {
    this.ended = true;
    this.running = null;
    if (this.watchdog !== undefined) clearImmediate(this.watchdog);
    this.watchdog = undefined;
    const done = this.finished;
    this.finished = undefined;
    if (done !== undefined) RESOLVED.then(done);
  }

  /** Abandons the schedule after a bug in spinlab itself (never the student's fault). */
  internalError(error: unknown): void {
    if (this.ended) return;
    this.internalFailure = error instanceof Error ? error : new Error(String(error));
    this.end();
  }

  private outcome(): ExecutionOutcome {
    if (this.trace.enabled && this.capturing) this.trace.locate(this.sites);
    return {
      steps: this.steps,
      kernelCalls: this.kernelCalls,
      stopped: this.stopReason,
      choices: this.loop.choices,
      radices: this.loop.radices,
      faultChoices: this.loop.faultChoices,
      faultsDecided: this.picker.fail !== undefined,
      faultSites: this.faults.sites,
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
    ctx.runAction = { kind: kind === 'thread' ? 'switch' : 'run', cpu, ctx, source: null, key: ctx.id, waited: 0 };
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

  /** `ctx` reached a scheduling point: the next decision picks what runs. */
  atGate(ctx: Context, state: 'gate' | 'blocked'): void {
    ctx.state = state;
    if (this.running === ctx) this.running = null;
    this.scheduleDecision();
  }

  /** Queues the next scheduling decision (once). */
  scheduleDecision(): void {
    this.loop.schedule();
  }

  // ---- the parts' entry points, as ops, the bridge and the kernel call them ----

  /** Invokes student routine `fn` in `ctx` (see {@link RoutineFrames.invoke}). */
  invoke(ctx: Context, fn: number, kind: FrameKind, routine: string, args: ReadonlyArray<readonly [Prim, boolean]>): Promise<FrameOutcome> {
    return this.frames.invoke(ctx, fn, kind, routine, args);
  }

  /** Sets the value an op hands back to the guest. */
  returns(value: Prim, isRef = false): OpStatus.Done {
    return this.calls.returns(value, isRef);
  }

  /** Makes a call throw in the guest (`code` is a Refusal) and lets the context continue. */
  failCall(ctx: Context, call: PendingCall, code: number, message: string): OpStatus.Settled {
    return this.calls.fail(ctx, call, code, message);
  }

  /** Marks an access made while the context still has a kernel call pending. */
  notePendingAccess(ctx: Context, seq: number): void {
    if (this.wants('pending-misuse')) this.emit({ type: 'pending-misuse', ctx, what: 'access', seq });
  }

  /** A tracked-memory access by `ctx` at `seq`: tells the checks, notes a write's writer, puts it on the timeline (when one is recorded). */
  recordAccess(ctx: Context, cell: Cell, write: boolean, seq: number): void {
    this.bus.access(ctx, cell, write, seq);
    if (write) noteWriter(cell, ctx, seq);
    if (this.trace.enabled) this.trace.record(this, ctx, write ? 'write' : 'read', write ? 'writes' : 'reads', this.memory.fieldPath(cell.object, cell.key), seq);
  }

}
