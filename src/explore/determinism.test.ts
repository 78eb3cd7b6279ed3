import { describe, expect, it } from 'vitest';
import { abbaFixture, exploreFixture } from '../../test/helpers/explore-fixture.js';
import { readersWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('determinism', () => {
  it.each(['random', 'pct', 'dfs', 'idb'] as const)('%s with seed 42 gives the same trace digest and findings three times', async (strategy) => {
    const runs = await Promise.all([1, 2, 3].map(() => exploreFixture('unlocked', writers(), { strategy, seed: 42, schedules: 30 })));
    const digests = runs.map((run) => run.result.digest);
    expect(new Set(digests).size).toBe(1);
    const findings = runs.map((run) => JSON.stringify(run.result.groups));
    expect(new Set(findings).size).toBe(1);
  });

  it('a different seed gives a different trace (pct, seeds 1 and 2)', async () => {
    const [one, two] = await Promise.all([1, 2].map((seed) => exploreFixture('unlocked', writers(), { seed, schedules: 30 })));
    expect(one!.result.digest).not.toBe(two!.result.digest);
  });
});

describe('replay', () => {
  it('replays a failing schedule code to the identical trace (pct, seed 5)', async () => {
    const explored = await exploreFixture('abba', readersWriters(), { seed: 5, schedules: 40 });
    const deadlock = explored.result.groups.find((g) => g.finding.check === 'deadlock');
    expect(deadlock).toBeDefined();
    const replays = await Promise.all([1, 2].map(() => exploreFixture('abba', readersWriters(), { strategy: 'replay', schedule: deadlock!.code, timeline: true })));
    for (const replay of replays) {
      expect(replay.result.divergence).toBeNull();
      expect(replay.result.groups.find((g) => g.finding.check === 'deadlock')?.finding).toMatchObject({ key: deadlock!.finding.key, seq: deadlock!.finding.seq });
    }
    expect(replays[0]!.result.timeline.length).toBeGreaterThan(10);
    expect(replays[0]!.result.timeline).toEqual(replays[1]!.result.timeline);
    expect(replays[0]!.result.digest).toBe(replays[1]!.result.digest);
  });

  it.each(['dfs', 'idb'] as const)('replays a %s schedule code that deadlocks to the identical trace (seed 1)', async (strategy) => {
    const explored = await exploreFixture('abba', readersWriters(), { strategy, seed: 1, schedules: 300 });
    const deadlock = explored.result.groups.find((g) => g.finding.check === 'deadlock');
    expect(deadlock).toBeDefined();
    const replay = await exploreFixture('abba', readersWriters(), { strategy: 'replay', schedule: deadlock!.code });
    expect(replay.result.divergence).toBeNull();
    expect(replay.result.groups.find((g) => g.finding.check === 'deadlock')?.finding).toMatchObject({ key: deadlock!.finding.key, seq: deadlock!.finding.seq });
  });

  it('says where a replay diverges when the code belongs to another driver (pct, seed 5)', async () => {
    const code = await abbaFixture();
    const replay = await exploreFixture('counter', readersWriters(), { strategy: 'replay', schedule: code });
    expect(replay.result.divergence).toMatch(/decision \d+|choices|trace differs/);
  });
});
