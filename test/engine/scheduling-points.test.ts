/**
 * Scheduling points at shared accesses: an access no lock protects lets the
 * strategy switch right after it, so an unlocked read-modify-write loses
 * updates and two unlocked reads can see a half-done write — and the code
 * of such a schedule replays it.
 */
import { describe, expect, it } from 'vitest';
import { defineScenario, type ScenarioDefinition } from '../../src/scenario/index.js';
import { exploreFixture, markedLine } from '../helpers/explore-fixture.js';
import { readersWriters, writers } from '../fixtures/scenarios/index.js';

const POINT = 'may switch after';

/** readersWriters with the torn-read fixture's invariant: no read saw Low and High differ. */
const tornReads: ScenarioDefinition = { ...readersWriters(3), invariants: { whole: (s) => s.ext.Torn === 0 || 'a read saw Low and High differ' } };

describe('scheduling points at unlocked accesses', () => {
  it('loses an update of ext.Count++ (no kernel call between the read and the write), and the code replays it with the point on its timeline', async () => {
    const run = await exploreFixture('lost-update', writers(), { strategy: 'random', seed: 1, schedules: 100 });
    const lost = run.result.groups.find((g) => g.id === 'invariant|count');
    expect(lost).toBeDefined();
    const replayed = await exploreFixture('lost-update', writers(), { strategy: 'replay', schedule: lost!.code, timeline: true });
    expect(replayed.result.divergence).toBeNull();
    expect(replayed.result.groups.map((g) => g.id)).toContain('invariant|count');
    const points = replayed.result.timeline.filter((entry) => entry.what === POINT);
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((entry) => entry.target === 'ext.Count')).toBe(true);
    expect(run.findings('data-race').map((f) => run.line(f))).toContain(markedLine('lost-update'));
  });

  it('finds no lost update with the points off: the race alone shows (what the points add)', async () => {
    const run = await exploreFixture('lost-update', writers(), { strategy: 'random', seed: 1, schedules: 100, accessPoints: false });
    expect(run.result.groups.map((g) => g.id)).not.toContain('invariant|count');
    expect(run.findings('data-race')).not.toHaveLength(0);
  });

  it('shows a torn read of two fields written in two statements', async () => {
    const run = await exploreFixture('torn-read', tornReads, { strategy: 'random', seed: 1, schedules: 200 });
    expect(run.result.groups.map((g) => g.id)).toContain('invariant|whole');
  });

  it('makes a point where every access holds a lock but no lock is common to them (Eraser\'s empty lockset): two locks lose an update', async () => {
    const counted = { ...readersWriters(3), invariants: { count: (s: { ext: Record<string, unknown> }) => s.ext.Count === 12 || `Count is ${String(s.ext.Count)}` } } as ScenarioDefinition;
    const run = await exploreFixture('two-locks', counted, { strategy: 'random', seed: 1, schedules: 200 });
    expect(run.result.groups.map((g) => g.id)).toContain('invariant|count');
  });

  it('makes no point where a lock is held: the locked counter never fails and its timeline has none', async () => {
    const run = await exploreFixture('counter', writers(), { strategy: 'random', seed: 1, schedules: 100 });
    expect(run.result.groups).toEqual([]);
    const one = await exploreFixture('counter', writers(), { strategy: 'pct', seed: 3, schedules: 1, timeline: true, locate: false });
    expect(one.result.timeline.filter((entry) => entry.what === POINT)).toEqual([]);
  });

  it('keeps a schedule the same for the same seed (points included)', async () => {
    const scenario = defineScenario({ ...writers(2, 3) });
    const a = await exploreFixture('lost-update', scenario, { strategy: 'pct', seed: 7, schedules: 30, locate: false });
    const b = await exploreFixture('lost-update', scenario, { strategy: 'pct', seed: 7, schedules: 30, locate: false });
    expect(a.result.digest).toBe(b.result.digest);
  });
});
