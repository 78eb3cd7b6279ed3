/**
 * Fault runs: systematic low resources simulation. The explorer learns the
 * faultable sites (see src/machine/faults.ts) and how often each is reached
 * from the runs it has made, then adds one run per site and occurrence up to
 * a bound in which exactly that call fails — "every call site, and each
 * occurrence up to a bound" — with the interleaving chosen by the strategy.
 * The failure is a recorded choice, so the run's schedule code replays it.
 */
import type { SchedulePicker } from '../machine/index.js';
import { RandomStrategy } from './random.js';
import { mixSeed } from './rng.js';
import { BOUNDED_STRATEGIES, type ExecutionPlan, type Strategy, type StrategyName } from './strategy.js';

/** Occurrences of each site failed by default (the first and the second call of each). */
export const DEFAULT_FAULT_OCCURRENCES = 2;
/** At most this many fault runs in one exploration (a driver allocating in a long loop has many sites). */
export const MAX_FAULT_RUNS = 64;

/** The one faultable call a fault run fails: occurrence `occurrence` (from 1) of `site`. */
export interface FaultTarget {
  readonly site: string;
  readonly occurrence: number;
}

/** How many fault runs an exploration made, over how many faultable sites. */
export interface FaultSummary {
  /** Faultable sites reached in any run. */
  readonly sites: number;
  /** Fault runs made (each fails one call; beyond the strategy's schedules). */
  readonly runs: number;
}

/** `picker`, deciding faults: only `target` fails (every faultable call is then a recorded choice). */
export function failingAt(picker: SchedulePicker, target: FaultTarget): SchedulePicker {
  return {
    pick: (actions, count, current, due) => picker.pick(actions, count, current, due),
    nextRandom: () => picker.nextRandom(),
    fail: (site, occurrence) => site === target.site && occurrence === target.occurrence,
  };
}

/** The targets still to run, learned from the runs made, in a fixed order for a seed. */
export class FaultPlanner {
  /** Per site: the most occurrences one run reached. */
  private readonly reached = new Map<string, number>();
  private readonly pending: FaultTarget[] = [];
  /** Fault runs handed out so far. */
  runs = 0;

  constructor(private readonly occurrences: number) {}

  /** Learns the sites one run reached (`sites`: per site, how many calls it made). */
  learn(sites: ReadonlyMap<string, number>): void {
    for (const [site, count] of sites) {
      const before = this.reached.get(site) ?? 0;
      if (count <= before) continue;
      this.reached.set(site, count);
      for (let occurrence = before + 1; occurrence <= Math.min(count, this.occurrences); occurrence++) this.pending.push({ site, occurrence });
    }
  }

  /** The next target (by site, then occurrence), or null when every one has run or the cap is reached. */
  next(): FaultTarget | null {
    if (this.runs >= MAX_FAULT_RUNS || this.pending.length === 0) return null;
    this.pending.sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.occurrence - b.occurrence));
    const target = this.pending.shift()!;
    this.runs++;
    return target;
  }

  /** What was covered. */
  summary(): FaultSummary {
    return { sites: this.reached.size, runs: this.runs };
  }
}

/**
 * The plan of fault run `n` (from 0; schedule `index` of the exploration):
 * the strategy's own next schedule for a sampling strategy (random, pct), a
 * seeded random schedule for a bounded search (dfs, idb: their prefix tree
 * only holds their own runs), failing `target`.
 */
export function faultRunPlan(strategy: Strategy, name: StrategyName, seed: number, n: number, index: number, target: FaultTarget): ExecutionPlan | null {
  const plan = BOUNDED_STRATEGIES.includes(name) ? new RandomStrategy(mixSeed(seed, 0x4641554c)).startExecution(n) : strategy.startExecution(index);
  return plan === null ? null : { seed: plan.seed, picker: failingAt(plan.picker, target) };
}
