/**
 * The exploration strategy interface (after Shuttle's Scheduler trait): start
 * an execution (or stop), pick the next action, hand out random values. The
 * per-execution part is the machine's {@link SchedulePicker}.
 */
import type { ExecutionOutcome, SchedulePicker } from '../machine/index.js';

/** The strategies spinlab has. */
export const STRATEGY_NAMES = ['random', 'pct', 'dfs', 'replay'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** How to run one execution. */
export interface ExecutionPlan {
  readonly picker: SchedulePicker;
  /** Entropy for the execution (the guest's Math.random, the scenario's random data); part of its schedule code. */
  readonly seed: number;
}

/** An exploration strategy. */
export interface Strategy {
  readonly name: StrategyName;
  /** Starts execution `index`, or returns null when there is nothing left to explore. */
  startExecution(index: number): ExecutionPlan | null;
  /** Learns from the execution that just ended (dfs backtracks; pct learns its length). */
  finishExecution(outcome: ExecutionOutcome): void;
  /** For bounded exhaustive strategies: whether the whole bounded space has been explored. */
  exhausted(): boolean | null;
}
