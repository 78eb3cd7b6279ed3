/**
 * Interrupt self-deadlocks predicted, then confirmed: a lock an ISR takes,
 * held elsewhere where the interrupt can arrive, is a recursive-acquire
 * finding on every seed, and the code printed with it replays a schedule
 * that delivers the interrupt at that moment and deadlocks.
 */
import { describe, expect, it } from 'vitest';
import { interrupts } from '../fixtures/scenarios/index.js';
import { exploreFixture } from '../helpers/explore-fixture.js';

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

describe('interrupt hazards', () => {
  it('finds the ISR that takes DispatchWrite\'s lock with the AtDpcLevel form on seeds 1–10, each with a witness that deadlocks', async () => {
    for (const seed of SEEDS) {
      const run = await exploreFixture('isr-shares-dpc-lock', interrupts(), { strategy: 'random', seed, schedules: 40 });
      const hazard = run.result.groups.find((g) => g.finding.key === 'hazard|ext.DataLock|Isr');
      expect(hazard, `seed ${seed}`).toBeDefined();
      expect(hazard!.finding).toMatchObject({ check: 'recursive-acquire', lock: 'ext.DataLock', context: 'isr' });
      const replayed = await exploreFixture('isr-shares-dpc-lock', interrupts(), { strategy: 'replay', schedule: hazard!.code });
      expect(replayed.result.divergence, `seed ${seed}`).toBeNull();
      const deadlock = replayed.result.groups.find((g) => g.finding.check === 'recursive-acquire' && !g.finding.key.startsWith('hazard|'));
      expect(deadlock?.finding.lock, `seed ${seed}`).toBe('ext.DataLock');
    }
  });

  it('names both sites: the ISR\'s acquire and where the lock was held below DIRQL', async () => {
    const run = await exploreFixture('isr-shares-dpc-lock', interrupts(), { strategy: 'random', seed: 1, schedules: 40 });
    const hazard = run.result.groups.find((g) => g.finding.key === 'hazard|ext.DataLock|Isr')!;
    expect(hazard.finding.routine).toBe('Isr');
    expect(hazard.finding.related?.map((r) => r.routine)).toContain('DispatchWrite');
    expect(run.line(hazard.finding)).toBeDefined();
  });

  it('stays silent on a driver that shares data with its ISR only under the interrupt lock', async () => {
    for (const seed of [1, 2, 3]) {
      const run = await exploreFixture('interrupt-correct', interrupts(), { strategy: 'random', seed, schedules: 40 });
      expect(run.findings('recursive-acquire')).toEqual([]);
    }
  });
});
