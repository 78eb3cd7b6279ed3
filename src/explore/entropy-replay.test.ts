/**
 * The entropy a schedule hands out (`nextRandom`: the scenario's workload
 * draw) is a function of the seed its schedule code records, so a replay,
 * and a minimization candidate, draw exactly what the explored run drew.
 */
import { describe, expect, it } from 'vitest';
import type { SchedulePicker } from '../machine/index.js';
import { GuidedPicker } from './guided-picker.js';
import { encodeSchedule } from './schedule-code.js';
import { makeStrategy } from './strategies.js';

const draws = (picker: SchedulePicker, n = 16): number[] => Array.from({ length: n }, () => picker.nextRandom());

/** What a replay of a code with `seed` draws. */
function replayed(seed: number): number[] {
  const plan = makeStrategy('replay', 0, { schedule: encodeSchedule(seed, 0, [], []) }).startExecution(0)!;
  return draws(plan.picker);
}

describe('entropy and schedule codes', () => {
  it.each([
    ['pct', 1],
    ['pct', 9],
    ['random', 4],
  ] as const)('every %s schedule (seed %i) draws what the replay of its code draws, and no two schedules draw alike', (name, seed) => {
    const strategy = makeStrategy(name, seed);
    const seen = new Set<string>();
    for (let index = 0; index < 10; index++) {
      const plan = strategy.startExecution(index)!;
      const drawn = draws(plan.picker);
      expect(replayed(plan.seed)).toEqual(drawn);
      seen.add(drawn.join());
    }
    expect(seen.size).toBe(10);
  });

  it('dfs (seed 2) draws the same values in every schedule of a search, which its codes replay', () => {
    const strategy = makeStrategy('dfs', 2);
    const plan = strategy.startExecution(0)!;
    const drawn = draws(plan.picker);
    expect(replayed(plan.seed)).toEqual(drawn);
    expect(draws(makeStrategy('dfs', 2).startExecution(0)!.picker)).toEqual(drawn);
  });

  it('a minimization candidate (GuidedPicker) draws what the explored schedule drew (pct, seed 3)', () => {
    const plan = makeStrategy('pct', 3).startExecution(5)!;
    const drawn = draws(plan.picker);
    expect(draws(new GuidedPicker({ seed: plan.seed, follow: 'choices', values: [] }))).toEqual(drawn);
    expect(draws(new GuidedPicker({ seed: plan.seed, follow: 'directives', anchors: [], keys: [], flags: [] }))).toEqual(drawn);
  });
});
