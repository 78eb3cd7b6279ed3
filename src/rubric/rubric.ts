/** The rubric: what a rubric file holds once loaded and normalized (every default filled in). */
import { DEFAULT_BOUND, DEFAULT_DEPTH, DEFAULT_FAULT_OCCURRENCES, type StrategyName } from '../explore/index.js';

/** How an item earns its points. */
export type Credit = 'all' | 'fraction';

/** Who sees an item (Gradescope's names). */
export type Visibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

/** One rubric item. */
export interface RubricItem {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** A check id, or `typecheck`. */
  readonly check: string;
  readonly points: number;
  readonly routine?: string;
  readonly target?: string;
  readonly name?: string;
  /**
   * For lock-order and release-order items: `required` (the default) — the
   * item needs some schedule that held two locks at once; `optional` — a
   * driver that never nests passes it too (an exercise that accepts one lock).
   */
  readonly nesting?: 'required' | 'optional';
  /**
   * Items this one counts only with: it earns its points when it passes on
   * its own evidence AND every item named here passed; otherwise it is lost,
   * naming the unmet ones. So an item that judges the misuse of something
   * (a lock) counts only when the work that uses it is done.
   */
  readonly requires?: readonly string[];
  readonly credit: Credit;
  readonly visibility: Visibility;
}

/** The exploration a rubric fixes. */
export interface Exploration {
  readonly strategy: Exclude<StrategyName, 'replay'>;
  readonly schedules: number;
  readonly seed: number;
  /** Undefined: the scenario's. */
  readonly cpus?: number;
  readonly maxSteps: number;
  /** PCT's bug depth d (the rubric's `depth`, once `pctDepth`). */
  readonly depth: number;
  /** dfs's preemption bound, idb's delay bound: C (the rubric's `bound`, once `preemptionBound`). */
  readonly bound: number;
  /**
   * Fault runs: occurrences of each faultable call site (ExAllocatePool2,
   * IoConnectInterrupt) made to fail, one run each, beyond `schedules`; 0:
   * none (the rubric's `faults`: `false`, `true`, or `{ "occurrences": n }`).
   */
  readonly faults: number;
  /** Seconds per submission. */
  readonly timeLimit: number;
}

/** A loaded rubric. */
export interface Rubric {
  readonly exercise: string;
  readonly exploration: Exploration;
  readonly items: readonly RubricItem[];
  /**
   * The most an untouched starter may score, as a fraction of the maximum
   * (default {@link DEFAULT_STARTER_MAX}): selftest fails above it.
   */
  readonly starterMax: number;
  /** The file it came from. */
  readonly file: string;
}

/** The default `starterMax`: an untouched starter scores at most 40% of the points. */
export const DEFAULT_STARTER_MAX = 0.4;

/** The old names of exploration fields a rubric may still use: old → new. */
export const EXPLORATION_ALIASES = { pctDepth: 'depth', preemptionBound: 'bound' } as const;

/** The exploration defaults. */
export const DEFAULT_EXPLORATION: Exploration = {
  strategy: 'pct',
  schedules: 200,
  seed: 1,
  maxSteps: 20_000,
  depth: DEFAULT_DEPTH,
  bound: DEFAULT_BOUND,
  faults: DEFAULT_FAULT_OCCURRENCES,
  timeLimit: 60,
};

/** The check a rubric item may name besides the engine's. */
export const TYPECHECK = 'typecheck';
