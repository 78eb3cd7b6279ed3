/** What the kernel supplies to the machine: op handlers and the hooks of a schedule's lifecycle. */
import type { Context, PendingCall } from './context.js';
import type { Cpu } from './cpu.js';
import type { Execution } from './execution.js';
import type { InterruptSource } from './interrupts.js';

/** How an op handler left a kernel call. */
export const enum OpStatus {
  /** Finished: resume the guest with the execution's result. */
  Done,
  /** The context spins or waits; run the handler again when it is woken. */
  Blocked,
  /** The op continues on its own (it invoked a routine) and will call `x.calls.complete`. */
  Async,
  /** The op threw into the guest (see {@link Execution.failCall}); or the schedule stopped. */
  Settled,
}

/** Runs one kernel call for a context. */
export type OpHandler = (x: Execution, ctx: Context, call: PendingCall) => OpStatus;

/** The kernel's side of the machine, supplied by `src/machine/nt/`. */
export interface KernelServices {
  /** What each kernel call does, by op code. */
  readonly ops: Readonly<Record<number, OpHandler>>;
  /** Takes the next DPC off `cpu`'s queue and starts it; returns its context. */
  startDpc(x: Execution, cpu: Cpu): Context;
  /** Delivers an interrupt from `source` on `cpu`; returns the ISR's context. */
  deliverInterrupt(x: Execution, cpu: Cpu, source: InterruptSource): Context;
  /** Called when no action is enabled, before the schedule ends (deadlock and hang detection). */
  finish(x: Execution): void;
}
