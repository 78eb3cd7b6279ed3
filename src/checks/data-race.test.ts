import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, interrupts, readersWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('data-race', () => {
  it('fires on a counter updated with no lock (pct, seed 1)', async () => {
    const run = await exploreFixture('unlocked', writers());
    const [finding] = run.findings('data-race');
    expect(finding).toMatchObject({ target: 'ext.Count', routine: 'DispatchWrite', locks: [] });
    expect(finding!.message.length).toBeGreaterThan(40);
    // Either access may be the later one: the finding names one side, its related site the other.
    expect([run.line(finding!), run.relatedLine(finding!, 0)]).toContain(markedLine('unlocked'));
    expect(finding!.related![0]).toMatchObject({ routine: 'DispatchWrite', locks: [] });
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('data-race')).toEqual([]);
  });
  it('stays silent on dpc-queue (pct, seed 1)', async () => {
    const run = await exploreFixture('dpc-queue', deferredWriters());
    expect(run.findings('data-race')).toEqual([]);
  });
  it('stays silent on interlocked-list (pct, seed 1)', async () => {
    const run = await exploreFixture('interlocked-list', deferredWriters());
    expect(run.findings('data-race')).toEqual([]);
  });
  it('stays silent on interrupt-correct (pct, seed 1)', async () => {
    const run = await exploreFixture('interrupt-correct', interrupts());
    expect(run.findings('data-race')).toEqual([]);
  });

  it('fires on raising IRQL instead of taking the lock (pct, seed 1)', async () => {
    const run = await exploreFixture('raise-irql', writers());
    expect(run.findings('data-race')[0]).toMatchObject({ target: 'ext.Count', irql: 2, locks: [] });
  });

  it('fires on ISR-shared state read outside KeSynchronizeExecution, naming the interrupt lock (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-shared-unsynchronized', interrupts());
    const withIsr = run.findings('data-race').find((f) => f.target === 'ext.Interrupts' && f.related?.some((r) => r.locks?.includes('ext.IsrLock')) || f.locks?.includes('ext.IsrLock'));
    expect(withIsr).toBeDefined();
  });

  it('puts the caret on the unprotected access, whichever came first, with the protected one beside it (pct, seeds 1-4)', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const run = await exploreFixture('read-outside-lock', readersWriters(), { seed });
      const races = run.findings('data-race').filter((f) => f.target === 'ext.Count');
      expect(races.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const race of races) {
        expect(run.line(race), `seed ${seed}`).toBe(markedLine('read-outside-lock'));
        expect(run.relatedLine(race, 0), `seed ${seed}`).toBe(markedLine('read-outside-lock', 'protected'));
        expect(race.locks).toEqual([]);
      }
    }
  });
});

