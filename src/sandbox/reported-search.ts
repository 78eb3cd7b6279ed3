/** The strategy summary of a sandboxed exploration, checked against the plan before the grader believes it. */
import { BOUNDED_STRATEGIES, type StrategySummary } from '../explore/index.js';
import type { LedgerPlan } from './progress-ledger.js';
import { ChannelBreach } from './sealed-channel.js';

const count = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/**
 * `value` (the child's `result.search`) as a summary: pct's figures for pct,
 * a bounded search's coverage for dfs and idb — consistent with the plan's
 * depth or bound, its own `exhausted` and the schedules run — and nothing
 * for the others.
 */
export function reportedSearch(value: unknown, plan: LedgerPlan, exhausted: unknown, schedulesRun: number): StrategySummary | null {
  const { strategy } = plan;
  const fail = (): never => {
    throw new ChannelBreach('the sandbox sent a malformed strategy summary');
  };
  if (typeof value !== 'object' || value === null) return value === null && strategy !== 'pct' && !BOUNDED_STRATEGIES.includes(strategy) ? null : fail();
  const v = value as Record<string, unknown>;
  if (strategy === 'pct') {
    if (v.kind !== 'pct' || !count(v.depth) || !count(v.threads) || !count(v.steps) || (plan.depth !== undefined && v.depth !== plan.depth)) fail();
    return { kind: 'pct', depth: v.depth as number, threads: v.threads as number, steps: v.steps as number };
  }
  if (!BOUNDED_STRATEGIES.includes(strategy)) return fail();
  const perBound = v.schedulesPerBound;
  const covered = v.coveredBound;
  if (v.kind !== 'bounded' || (v.measure !== (strategy === 'dfs' ? 'preemptions' : 'delays')) || !count(v.bound) || !Array.isArray(perBound) || !perBound.every(count)) fail();
  const bound = v.bound as number;
  if (plan.bound !== undefined && bound !== plan.bound) fail();
  const counts = perBound as number[];
  if (counts.length === 0 || counts.length > bound + 1 || counts.reduce((a, b) => a + b, 0) !== schedulesRun) fail();
  // Bounds are searched in order: every one before the last started is covered, and the last only at the end.
  const started = counts.length - 1;
  if (!(covered === null ? started === 0 : covered === started - 1 || (covered === started && covered === bound))) fail();
  if ((exhausted === true) !== (covered === bound)) fail();
  return { kind: 'bounded', measure: v.measure as 'preemptions' | 'delays', bound, coveredBound: covered as number | null, schedulesPerBound: counts };
}
