import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { allocatingWriters } from '../../test/fixtures/scenarios/index.js';
import { ScheduleReader } from './schedule-code.js';

describe('fault runs (low resources simulation)', () => {
  it('finds a lock leaked only when ExAllocatePool2 fails, and its code replays the failure exactly (pct, seed 1)', async () => {
    const run = await exploreFixture('pool-leak', allocatingWriters(), { seed: 1, schedules: 20 });
    // One site (DispatchWrite's first allocation), reached twice per writer: occurrences 1 and 2.
    expect(run.result.faults).toEqual({ sites: 1, runs: 2 });
    expect(run.result.schedulesRun).toBe(20);
    const leak = run.findings('held-at-return')[0];
    expect(leak).toBeDefined();
    expect(leak!.schedule).toBeGreaterThanOrEqual(20);
    expect(run.line(leak!)).toBe(markedLine('pool-leak'));
    const group = run.result.groups.find((g) => g.finding.check === 'held-at-return')!;
    expect(new ScheduleReader(group.code).faults).toBe(true);
    const replay = await exploreFixture('pool-leak', allocatingWriters(), { strategy: 'replay', schedule: group.code, timeline: true });
    expect(replay.result.divergence).toBeNull();
    expect(replay.result.faults).toBeNull();
    expect(replay.findings('held-at-return')[0]).toMatchObject({ key: group.finding.key, seq: group.finding.seq });
    expect(replay.result.timeline.filter((e) => e.what === 'ExAllocatePool2 failed (injected)')).toHaveLength(1);
  });

  it('without fault runs the same driver scores clean (pct, seed 1)', async () => {
    const run = await exploreFixture('pool-leak', allocatingWriters(), { seed: 1, schedules: 20, faults: 0 });
    expect(run.result.faults).toBeNull();
    expect(run.result.groups).toEqual([]);
  });

  it.each(['random', 'pct', 'dfs', 'idb'] as const)('a driver that handles the failure has no finding, and the fault runs are the same for seed 3 (%s)', async (strategy) => {
    const runs = await Promise.all([1, 2].map(() => exploreFixture('pool-handled', allocatingWriters(), { strategy, seed: 3, schedules: 10 })));
    for (const run of runs) {
      expect(run.result.groups).toEqual([]);
      expect(run.result.faults).toEqual({ sites: 1, runs: 2 });
    }
    expect(runs[0]!.result.digest).toBe(runs[1]!.result.digest);
  });

  it('fails each occurrence up to the bound asked for (pct, seed 1)', async () => {
    const run = await exploreFixture('pool-handled', allocatingWriters(3, 2), { seed: 1, schedules: 5, faults: 5 });
    expect(run.result.faults).toEqual({ sites: 1, runs: 5 });
  });

  it('makes no fault run for a driver that never allocates (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', allocatingWriters(), { seed: 1, schedules: 5 });
    expect(run.result.faults).toEqual({ sites: 0, runs: 0 });
  });
});
