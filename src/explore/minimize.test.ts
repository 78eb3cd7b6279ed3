import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine, type FixtureRun } from '../../test/helpers/explore-fixture.js';
import { readersWriters, writers } from '../../test/fixtures/scenarios/index.js';
import { defineScenario, type ScenarioDefinition } from '../scenario/index.js';
import type { ExploreOptions } from './explore.js';
import { smaller, type MinimizedGroup, type ScheduleSize } from './minimize.js';

/** An exploration with every group's minimization report. */
async function minimized(name: string, scenario: ScenarioDefinition, options: Partial<Omit<ExploreOptions, 'driver' | 'scenario'>>): Promise<{ run: FixtureRun; reports: Map<string, MinimizedGroup> }> {
  const reports = new Map<string, MinimizedGroup>();
  const run = await exploreFixture(name, scenario, { ...options, onMinimized: (m) => reports.set(m.id, m) });
  return { run, reports };
}

/** Replays `code` and returns the replay's run. */
async function replay(name: string, scenario: ScenarioDefinition, code: string): Promise<FixtureRun> {
  return exploreFixture(name, scenario, { strategy: 'replay', schedule: code });
}

/** Not larger in the minimizer's own order (preemptions, then interrupts and DPCs, then steps): 1 preemption in 25 steps beats 8 in 18. */
const noLarger = (after: ScheduleSize, before: ScheduleSize): boolean => !smaller(before, after);

describe('minimized counterexamples', () => {
  it('shrinks a random lost update from 36 preemptions to 1, and its code replays it (unlocked, random, seed 1)', async () => {
    const { run, reports } = await minimized('unlocked', writers(), { strategy: 'random', seed: 1 });
    const group = run.result.groups.find((g) => g.id === 'invariant|count')!;
    const report = reports.get('invariant|count')!;
    expect(report).toMatchObject({ outcome: 'shrunk', before: { preemptions: 36, interrupts: 0 }, after: { preemptions: 1, interrupts: 0 } });
    expect(noLarger(report.after!, report.before!)).toBe(true);
    expect(group.code).toBe(report.code);
    const replayed = await replay('unlocked', writers(), group.code);
    expect(replayed.result.divergence).toBeNull();
    expect(replayed.result.groups.map((g) => g.id)).toContain('invariant|count');
  });

  it('reports the minimized run’s finding and sites, and keeps the explored schedule counts (unlocked, random, seed 1)', async () => {
    const { run, reports } = await minimized('unlocked', writers(), { strategy: 'random', seed: 1 });
    const plain = await exploreFixture('unlocked', writers(), { strategy: 'random', seed: 1, minimize: false });
    const race = run.result.groups.find((g) => g.finding.check === 'data-race')!;
    expect(reports.get(race.id)).toMatchObject({ outcome: 'shrunk', after: { preemptions: 0, interrupts: 0 } });
    // The finding's seq is the minimized run's: the replay of its code reports the same one.
    const replayed = await replay('unlocked', writers(), race.code);
    expect(replayed.result.groups.find((g) => g.id === race.id)!.finding.seq).toBe(race.finding.seq);
    expect([run.line(race.finding), run.relatedLine(race.finding, 0)]).toContain(markedLine('unlocked'));
    const explored = plain.result.groups.find((g) => g.id === race.id)!;
    expect(race.schedules).toEqual(explored.schedules);
    expect(race.finding.schedule).toBe(explored.finding.schedule);
    expect(race.code).not.toBe(explored.code);
  });

  it('shrinks a random ABBA deadlock to one preemption and keeps its lock-order sites in the minimized run (abba, random, seed 5)', async () => {
    const { run, reports } = await minimized('abba', readersWriters(), { strategy: 'random', seed: 5, schedules: 40 });
    const deadlock = reports.get('deadlock|ext.A|ext.B')!;
    expect(deadlock).toMatchObject({ outcome: 'shrunk', before: { preemptions: 18 }, after: { preemptions: 1, interrupts: 0 } });
    expect(noLarger(deadlock.after!, deadlock.before!)).toBe(true);
    const replayed = await replay('abba', readersWriters(), deadlock.code);
    expect(replayed.result.divergence).toBeNull();
    expect(replayed.result.groups.map((g) => g.id)).toContain('deadlock|ext.A|ext.B');
    const cycle = run.result.groups.find((g) => g.finding.check === 'lock-order')!;
    expect(reports.get(cycle.id)).toMatchObject({ outcome: 'shrunk', after: { preemptions: 0, interrupts: 0 } });
    expect(cycle.finding.related!.map((r) => r.schedule)).toEqual([cycle.finding.schedule, cycle.finding.schedule]);
    expect(cycle.finding.related!.every((r) => r.site !== undefined)).toBe(true);
    expect(run.line(cycle.finding)).toBe(markedLine('abba'));
  });

  // Random: the budget below is a quarter of the steps of random's seed-1 runs.
  it('shrinks a step-limit run to no preemption; its code replays it (spins-forever, random, seed 1, 5 schedules: the budget is a quarter of their steps)', async () => {
    const { run, reports } = await minimized('spins-forever', writers(), { strategy: 'random', schedules: 5 });
    const group = run.result.groups.find((g) => g.finding.check === 'step-limit')!;
    const report = reports.get(group.id)!;
    expect(report).toMatchObject({ outcome: 'shrunk', before: { steps: 20_001 }, after: { preemptions: 0, interrupts: 0, steps: 20_001 } });
    expect(report.before!.preemptions).toBeGreaterThan(0);
    const replayed = await replay('spins-forever', writers(), group.code);
    expect(replayed.result.divergence).toBeNull();
    expect(replayed.result.groups.map((g) => g.id)).toContain(group.id);
  });

  it('never makes a schedule larger, and every minimized code replays its finding (abba, pct, seed 5)', async () => {
    const { run, reports } = await minimized('abba', readersWriters(), { seed: 5, schedules: 40 });
    expect(reports.size).toBe(run.result.groups.length);
    for (const group of run.result.groups) {
      const report = reports.get(group.id)!;
      expect(report.outcome).toMatch(/^(shrunk|minimal)$/);
      expect(noLarger(report.after!, report.before!)).toBe(true);
      const replayed = await replay('abba', readersWriters(), group.code);
      expect(replayed.result.divergence).toBeNull();
      expect(replayed.result.groups.map((g) => g.id)).toContain(group.id);
    }
  });

  it('gives the same minimized codes for the same seed, twice (unlocked, random, seed 7)', async () => {
    const [one, two] = await Promise.all([1, 2].map(() => minimized('unlocked', writers(), { strategy: 'random', seed: 7 })));
    expect(one!.run.result.groups.map((g) => g.code)).toEqual(two!.run.result.groups.map((g) => g.code));
    expect([...one!.reports.values()]).toEqual([...two!.reports.values()]);
  });

  it('never minimizes a replay (abba, pct, seed 5)', async () => {
    const { run } = await minimized('abba', readersWriters(), { seed: 5, schedules: 40 });
    const code = run.result.groups[0]!.code;
    const reports: MinimizedGroup[] = [];
    const replayed = await exploreFixture('abba', readersWriters(), { strategy: 'replay', schedule: code, minimize: true, onMinimized: (m) => reports.push(m) });
    expect(reports).toEqual([]);
    expect(replayed.result.groups.find((g) => g.id === run.result.groups[0]!.id)?.code).toBe(code);
  });

  it('leaves a lock-order cycle whose edges are in different schedules as explored, its related site located from the other schedule (abba, pct, seed 1)', async () => {
    // One thread makes one request, a write or a read as the schedule's random value says: each schedule takes one order.
    const oneOrder = defineScenario({
      title: 'one request, write or read',
      cpus: 2,
      async run(sim) {
        const device = await sim.start();
        if (device === null) return;
        const write = sim.random() % 2 === 0;
        sim.thread('client', 0, async (t) => void (await (write ? t.write(device, [1]) : t.read(device, 1))));
        await sim.join();
      },
    });
    const { run, reports } = await minimized('abba', oneOrder, { schedules: 20 });
    const cycle = run.result.groups.find((g) => g.finding.check === 'lock-order')!;
    expect(reports.get(cycle.id)).toMatchObject({ outcome: 'not-alone', after: null });
    const other = cycle.finding.related!.find((r) => r.schedule !== cycle.finding.schedule)!;
    expect(other).toBeDefined();
    expect(other.site).toBeDefined();
    expect(run.line(cycle.finding)).toBe(markedLine('abba'));
  });
});
