/**
 * Interrupt self-deadlocks predicted, then confirmed: a lock an ISR takes,
 * held elsewhere where the interrupt can arrive, is a recursive-acquire
 * finding on every seed, and the code printed with it replays a schedule
 * that delivers the interrupt at that moment and deadlocks.
 */
import { describe, expect, it } from 'vitest';
import { interrupts } from '../fixtures/scenarios/index.js';
import { exploreFixture, markedLine } from '../helpers/explore-fixture.js';

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

describe('interrupt hazards', () => {
  it.each([
    ['isr-shares-dpc-lock', 'with the AtDpcLevel form'],
    ['isr-acquires-dpc-lock', 'with KeAcquireSpinLock'],
    ['isr-interlocked-dpc-lock', 'inside ExInterlockedAddUlong'],
  ])('finds the ISR that takes DispatchWrite\'s lock (%s: %s) on seeds 1–10, each with a witness that replays to the ISR stopped on it', async (fixture) => {
    for (const seed of SEEDS) {
      const run = await exploreFixture(fixture, interrupts(), { strategy: 'random', seed, schedules: 40 });
      const hazard = run.result.groups.find((g) => g.finding.key === 'hazard|ext.DataLock|Isr');
      expect(hazard, `seed ${seed}`).toBeDefined();
      expect(hazard!.finding).toMatchObject({ check: 'recursive-acquire', lock: 'ext.DataLock', context: 'isr' });
      const replayed = await exploreFixture(fixture, interrupts(), { strategy: 'replay', schedule: hazard!.code, timeline: true });
      expect(replayed.result.divergence, `seed ${seed}`).toBeNull();
      // The witness stops in the ISR, on the lock its own CPU holds: spinning (a self-deadlock) or, for KeAcquireSpinLock, at Verifier's IRQL bug check first.
      const stopped = replayed.result.groups.find((g) => g.finding.routine === 'Isr' && (g.finding.check === 'recursive-acquire' || g.finding.check === 'irql-acquire') && !g.finding.key.startsWith('hazard|'));
      expect(stopped, `seed ${seed}`).toBeDefined();
      const last = replayed.result.timeline.filter((e) => e.routine === 'Isr').at(-1);
      expect(last?.locks, `seed ${seed}`).not.toContain('ext.DataLock');
      expect(replayed.result.timeline.some((e) => e.routine === 'DispatchWrite' && e.cpu === last?.cpu && e.locks.includes('ext.DataLock')), `seed ${seed}`).toBe(true);
    }
  });

  it('names both sites: the ISR\'s acquire first (the defect), and where the lock was held below DIRQL beside it, whichever was seen first (seeds 1–3)', async () => {
    for (const seed of [1, 2, 3]) {
      const run = await exploreFixture('isr-shares-dpc-lock', interrupts(), { strategy: 'random', seed, schedules: 40 });
      const hazard = run.result.groups.find((g) => g.finding.key === 'hazard|ext.DataLock|Isr')!;
      expect(hazard.finding, `seed ${seed}`).toMatchObject({ routine: 'Isr', context: 'isr', related: [{ routine: 'DispatchWrite' }] });
      expect(run.line(hazard.finding), `seed ${seed}`).toBe(markedLine('isr-shares-dpc-lock'));
      expect(run.relatedLine(hazard.finding, 0), `seed ${seed}`).toBe(markedLine('isr-shares-dpc-lock', 'low'));
    }
  });

  it('stays silent on a driver that shares data with its ISR only under the interrupt lock', async () => {
    for (const seed of [1, 2, 3]) {
      const run = await exploreFixture('interrupt-correct', interrupts(), { strategy: 'random', seed, schedules: 40 });
      expect(run.findings('recursive-acquire')).toEqual([]);
    }
  });
});
