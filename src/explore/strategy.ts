/**
 * The exploration strategy interface (after Shuttle's Scheduler trait): start
 * an execution (or stop), pick the next action, hand out random values. The
 * per-execution part is the machine's {@link SchedulePicker}.
 */
import type { ExecutionOutcome, SchedulePicker } from '../machine/index.js';

/** The strategies spinlab has. */
export const STRATEGY_NAMES = ['random', 'pct', 'dfs', 'idb', 'replay'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** The strategies that search a bounded space exhaustively (and so can claim to have covered it). */
export const BOUNDED_STRATEGIES: readonly StrategyName[] = ['dfs', 'idb'];

/** How to run one execution. */
export interface ExecutionPlan {
  readonly picker: SchedulePicker;
  /** Entropy for the execution (the guest's Math.random, the scenario's random data); part of its schedule code. */
  readonly seed: number;
}

/** What PCT worked with: the figures of its guarantee. */
export interface PctSummary {
  readonly kind: 'pct';
  /** d: the bug depth (d − 1 priority change points per schedule). */
  readonly depth: number;
  /** n: the most schedulable things (contexts, DPC and interrupt deliveries) one schedule chose among. */
  readonly threads: number;
  /** k: the longest schedule seen, in decisions (change points are drawn in [1, k]). */
  readonly steps: number;
}

/** What a bounded search (dfs, idb) covered. */
export interface BoundedSummary {
  readonly kind: 'bounded';
  /** What the bound counts: preemptions (dfs) or delays (idb). */
  readonly measure: 'preemptions' | 'delays';
  /** C: the largest bound searched. */
  readonly bound: number;
  /** The largest c ≤ C such that every schedule with at most c was run; null when not even every schedule with 0 was. */
  readonly coveredBound: number | null;
  /** Schedules run with exactly 0, 1, … C preemptions (or delays); one entry per bound started. */
  readonly schedulesPerBound: readonly number[];
}

/** A strategy's account of its exploration, for the report (null for those with nothing to say: random, replay). */
export type StrategySummary = PctSummary | BoundedSummary;

/** An exploration strategy. */
export interface Strategy {
  readonly name: StrategyName;
  /** Starts execution `index`, or returns null when there is nothing left to explore. */
  startExecution(index: number): ExecutionPlan | null;
  /** Learns from the execution that just ended (dfs backtracks; pct learns its length). */
  finishExecution(outcome: ExecutionOutcome): void;
  /** For bounded exhaustive strategies: whether the whole bounded space has been explored. */
  exhausted(): boolean | null;
  /** What the exploration covered so far (see {@link StrategySummary}). */
  summary(): StrategySummary | null;
}
