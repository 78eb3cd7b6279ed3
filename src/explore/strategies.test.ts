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

  it.each(['dfs', 'idb'] as const)('%s with bound 0 exhausts a small space and finds no lost update (seed 1)', async (strategy) => {
    const run = await exploreFixture('unlocked', twoWriters, { strategy, bound: 0, schedules: 1000, locate: false });
    expect(run.result.exhausted).toBe(true);
    expect(run.result.schedulesRun).toBeLessThan(1000);
    expect(run.result.search).toMatchObject({ kind: 'bounded', bound: 0, coveredBound: 0, schedulesPerBound: [run.result.schedulesRun] });
    expect(failing(run, 'invariant|count')).toBe(0);
  });

  it.each(['dfs', 'idb'] as const)('%s with bound 1 exhausts it and finds the lost update, first in a schedule of bound 1 (seed 1)', async (strategy) => {
    const run = await exploreFixture('unlocked', twoWriters, { strategy, bound: 1, schedules: 1000, locate: false });
    expect(run.result.exhausted).toBe(true);
    const search = run.result.search;
    const perBound = search?.kind === 'bounded' ? search.schedulesPerBound : [];
    expect(perBound).toHaveLength(2);
    const first = run.result.groups.find((g) => g.id === 'invariant|count')?.schedules[0];
    expect(first).toBeGreaterThanOrEqual(perBound[0]!);
  });

  it('takes the old option name preemptionBound as bound (seed 1)', async () => {
    const run = await exploreFixture('unlocked', twoWriters, { strategy: 'dfs', preemptionBound: 0, schedules: 1000, locate: false });
    expect(run.result.search).toMatchObject({ bound: 0, coveredBound: 0 });
  });

  it('pct reports d, n and k; pctDepth is the old name of depth (seed 1)', async () => {
    const run = await exploreFixture('counter', twoWriters, { strategy: 'pct', pctDepth: 2, schedules: 5, locate: false });
    expect(run.result.search).toMatchObject({ kind: 'pct', depth: 2 });
    const search = run.result.search;
    expect(search?.kind === 'pct' && search.threads >= 2 && search.steps > 0).toBe(true);
  });

  it('random and pct never claim exhaustion (seed 1)', async () => {
    const run = await exploreFixture('counter', twoWriters, { strategy: 'random', seed: 1, schedules: 5, locate: false });
    expect(run.result.exhausted).toBeNull();
    expect(run.result.search).toBeNull();
  });
});
