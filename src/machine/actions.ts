/**
 * The scheduler's choices at a scheduling point, and the interface an
 * exploration strategy implements to choose among them.
 */
import type { Context } from './context.js';
import type { Cpu } from './cpu.js';
import type { InterruptSource } from './interrupts.js';

/**
 * One enabled action: resume a context (`run`), put another of a CPU's
 * threads on it (`switch`), run the CPU's next queued DPC (`dpc`), or deliver
 * an interrupt to it (`interrupt`).
 */
export interface Action {
  readonly kind: 'run' | 'switch' | 'dpc' | 'interrupt';
  readonly cpu: Cpu;
  readonly ctx: Context | null;
  readonly source: InterruptSource | null;
  /**
   * A stable identity for strategies: the context for `run` and `switch`,
   * the CPU for `dpc`, the source and CPU for `interrupt`.
   */
  readonly key: number;
  /** Fairness bookkeeping (fairness.ts): decisions at which this action was enabled and not taken, since it was last taken. */
  waited: number;
}

/**
 * What the machine asks of an exploration strategy during one execution
 * (declared here, implemented in `src/explore/`).
 */
export interface SchedulePicker {
  /**
   * Chooses one of the first `count` entries of `actions` (at least two;
   * entries past `count` are stale) and returns its index. `current` is the
   * key of the action that ran last. `due` is the index of an action that
   * has waited its fair share (see fairness.ts), or -1: when it is set, the
   * machine takes that action whatever the picker returns — a strategy
   * learns of it here (PCT lowers the context that kept it waiting, a
   * bounded search files no alternative to it).
   */
  pick(actions: readonly Action[], count: number, current: number, due: number): number;
  /** The next 32-bit random value for the simulation (scenario data, `Math.random`). */
  nextRandom(): number;
  /**
   * Whether occurrence `occurrence` (from 1) of the faultable call at `site`
   * fails (see src/machine/faults.ts). Absent: every such call succeeds and
   * no choice is recorded for it; present: every faultable call is a choice
   * of the stream (0 succeed, 1 fail).
   */
  fail?(site: string, occurrence: number): boolean;
}
