import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { readersWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('data-race: the cause of a race between two holders of one lock', () => {
  it('names the re-initialization while held, at its site, as the cause (pct, seed 1)', async () => {
    const run = await exploreFixture('reinitialize-held', writers());
    const races = run.findings('data-race').filter((f) => f.target === 'ext.Count' && (f.locks ?? []).includes('ext.Lock'));
    expect(races.length).toBeGreaterThan(0);
    for (const race of races) {
      expect(race.cause).toBe('lock-reinitialized-while-held');
      expect(race.causedBy).toBe('reinitialized-lock|ext.Lock|held');
      const site = race.related!.at(-1)!;
      expect(site.routine).toBe('DispatchWrite');
      expect(run.relatedLine(race, race.related!.length - 1)).toBe(markedLine('reinitialize-held'));
      expect(race.message).not.toContain('check the lock protects every access');
    }
  });

  it('names the release by code that did not hold the lock as the cause (pct, seed 1)', async () => {
    const run = await exploreFixture('double-release', writers(), { schedules: 100 });
    const races = run.findings('data-race').filter((f) => f.target === 'ext.Count' && (f.locks ?? []).includes('ext.Lock'));
    expect(races.length).toBeGreaterThan(0);
    for (const race of races) {
      expect(race.cause).toBe('lock-released-not-held');
      expect(race.causedBy).toMatch(/^wrong-releaser\|ext\.Lock\|DispatchWrite\|DispatchWrite$/);
      expect(run.relatedLine(race, race.related!.length - 1)).toBe(markedLine('double-release'));
    }
  });

  it('keeps the ordinary advice, with no cause, for a race with no lock in common (pct, seed 1)', async () => {
    const run = await exploreFixture('read-outside-lock', readersWriters());
    const races = run.findings('data-race');
    expect(races.length).toBeGreaterThan(0);
    for (const race of races) expect(race.cause).toBeUndefined();
  });
});

describe('data-race: a race on an IRP’s fields', () => {
  it('is two routines handling one IRP, not a field to lock (pct, seed 1)', async () => {
    const run = await exploreFixture('irp-two-routines', writers(2, 2), { schedules: 100 });
    const races = run.findings('data-race').filter((f) => f.target?.startsWith('IRP#'));
    expect(races.length).toBeGreaterThan(0);
    for (const race of races) {
      expect(race.cause).toBe('irp-in-two-routines');
      expect([race.routine, race.related![0]!.routine].sort()).toEqual(['CompleteDpc', 'DispatchWrite']);
      expect(race.message).not.toMatch(/protect every access|spin lock/);
    }
  });
});
