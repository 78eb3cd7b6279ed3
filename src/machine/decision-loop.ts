/**
 * The scheduling loop of one execution: whenever no context is running, it
 * collects the enabled actions, lets the strategy pick one, and performs it —
 * resume a context (running its pending kernel call), switch a CPU to
 * another thread, run a queued DPC, deliver an interrupt. Decisions happen in
 * a microtask after the running context reaches a scheduling point.
 */
import { DISPATCH_LEVEL } from '../kernel/irql.js';
import { Op } from '../kernel/protocol.js';
import type { Action } from './actions.js';
import type { Context } from './context.js';
import type { Execution } from './execution.js';
import { dueAction, noteChoice } from './fairness.js';
import type { KernelServices } from './kernel-services.js';

/** Whether `action` resumes a context at a scheduling point after an unlocked access (see src/kernel/guest/scheduling-points.ts). */
function isPointResume(action: Action): boolean {
  const ctx = action.ctx;
  return ctx !== null && ctx.pending.length > 0 && ctx.pending[0]!.op === Op.SchedulingPoint;
}

/** A settled promise: its then() queues a plain microtask (see {@link DecisionLoop.schedule}). */
export const RESOLVED = Promise.resolve();

/** The decisions of one execution, and the choices made. */
export class DecisionLoop {
  /** The option picked at each decision that had more than one, and how many there were. */
  readonly choices: number[] = [];
  readonly radices: number[] = [];
  /** The positions in {@link choices} of the fault decisions (see src/machine/faults.ts). */
  readonly faultChoices: number[] = [];
  /** The enabled actions (reused: entries past the count are stale). */
  private readonly actions: Action[] = [];
  private queued = false;
  private lastKey = -1;
  private readonly decideBound = (): void => this.decide();

  constructor(
    private readonly x: Execution,
    private readonly kernel: KernelServices,
    private readonly maxSteps: number,
  ) {}

  /** Records a fault decision (two options: 0 succeed, 1 fail) in the choice stream. */
  recordFault(failed: boolean): void {
    this.faultChoices.push(this.choices.length);
    this.choices.push(failed ? 1 : 0);
    this.radices.push(2);
  }

  /** Queues the next decision (once). */
  schedule(): void {
    if (this.queued || this.x.over) return;
    this.queued = true;
    // A resolved promise's then() is a plain V8 microtask; queueMicrotask would add an async-hooks resource per call.
    RESOLVED.then(this.decideBound);
  }

  private decide(): void {
    this.queued = false;
    const x = this.x;
    x.calls.markResumed();
    try {
      this.loop();
    } catch (error) {
      x.internalError(error);
    }
  }

  private loop(): void {
    const x = this.x;
    while (!x.over && x.running === null) {
      const count = this.collect();
      const actions = this.actions;
      if (count === 0) {
        this.finishSchedule();
        return;
      }
      // A scheduling point after an unlocked access with nothing else to run is no step: it changes nothing.
      const lone = count === 1 && isPointResume(actions[0]!);
      x.choiceAtLastStep = count > 1;
      if (!lone && ++x.steps > this.maxSteps) {
        x.stop({ kind: 'step-limit', ctx: x.executing, steps: this.maxSteps, detail: 'scheduling decisions' });
        return;
      }
      let index = 0;
      if (count > 1) {
        const due = dueAction(actions, count);
        index = x.picker.pick(actions, count, this.lastKey, due);
        if (due >= 0) index = due;
        else if (!(index >= 0 && index < count)) index = 0;
        noteChoice(actions, count, index);
        this.choices.push(index);
        this.radices.push(count);
      }
      const action = actions[index]!;
      x.trace.mix(action.key);
      this.perform(action);
    }
  }

  /**
   * Fills {@link actions} with the actions enabled now, in a fixed order (CPU
   * by CPU), and returns how many; entries past the count are stale (the
   * array is reused: truncating it would free its backing store every step).
   */
  private collect(): number {
    const actions = this.actions;
    let n = 0;
    const cpus = this.x.cpus;
    const sources = this.x.sources;
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
    const x = this.x;
    const cpu = action.cpu;
    switch (action.kind) {
      case 'switch': {
        const ctx = action.ctx!;
        if (cpu.top !== ctx) {
          // Only a thread below DISPATCH_LEVEL (or nothing) is on the stack: swap it out.
          if (cpu.stack.length > 0) cpu.stack[0] = ctx;
          else cpu.stack.push(ctx);
          x.trace.record(x, ctx, 'switch', 'switched in');
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
        this.lastKey = this.kernel.startDpc(x, cpu).id;
        return;
      case 'interrupt':
        this.lastKey = this.kernel.deliverInterrupt(x, cpu, action.source!).id;
        return;
    }
  }

  /** Resumes a context picked by the strategy: runs its pending call, or lets its host body go on. */
  private resume(ctx: Context): void {
    const x = this.x;
    if (ctx.pending.length > 0) {
      x.calls.run(ctx, ctx.pending[0]!);
      return;
    }
    const resolve = ctx.gateResolve;
    ctx.gateResolve = null;
    ctx.state = 'running';
    x.running = ctx;
    x.executing = ctx;
    if (resolve !== null) resolve();
  }

  private finishSchedule(): void {
    const x = this.x;
    this.kernel.finish(x);
    if (x.over) return;
    x.emit({ type: 'end', hung: x.contexts.filter((c) => !c.done) });
    x.end();
  }
}
