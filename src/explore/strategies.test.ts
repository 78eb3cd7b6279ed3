import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { streaks, twoWriters } from '../../test/fixtures/scenarios/index.js';

const failing = (run: Awaited<ReturnType<typeof exploreFixture>>, id: string): number =>
  run.result.groups.find((g) => g.id === id)?.schedules.length ?? 0;

describe('strategy power', () => {
  it('pct finds an ordering that needs one writer uninterrupted far more often than random (seeds 1–3, 100 schedules)', async () => {
    for (const seed of [1, 2, 3]) {
      const pct = await exploreFixture('streak', streaks, { strategy: 'pct', seed, schedules: 100, locate: false });
      const random = await exploreFixture('streak', streaks, { strategy: 'random', seed, schedules: 100, locate: false });
      expect(failing(pct, 'invariant|streak')).toBeGreaterThanOrEqual(50);
      expect(failing(random, 'invariant|streak')).toBeLessThan(15);
    }
  });

  it('dfs with preemption bound 0 exhausts a small space and finds no lost update (seed 1)', async () => {
    const run = await exploreFixture('unlocked', twoWriters, { strategy: 'dfs', preemptionBound: 0, schedules: 1000, locate: false });
    expect(run.result.exhausted).toBe(true);
    expect(run.result.schedulesRun).toBeLessThan(1000);
    expect(failing(run, 'invariant|count')).toBe(0);
  });

  it('dfs with preemption bound 1 exhausts it and finds the lost update that needs exactly one preemption (seed 1)', async () => {
    const run = await exploreFixture('unlocked', twoWriters, { strategy: 'dfs', preemptionBound: 1, schedules: 1000, locate: false });
    expect(run.result.exhausted).toBe(true);
    expect(failing(run, 'invariant|count')).toBeGreaterThan(0);
  });

  it('random and pct never claim exhaustion (seed 1)', async () => {
    const run = await exploreFixture('counter', twoWriters, { strategy: 'random', seed: 1, schedules: 5, locate: false });
    expect(run.result.exhausted).toBeNull();
  });
});
