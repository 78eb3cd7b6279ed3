import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { interrupts, readersWriters } from '../../test/fixtures/scenarios/index.js';

/** The cause every finding through an ordinary spin lock taken at interrupt level carries. */
const CAUSE = 'spin-lock-in-interrupt-context';

describe('a lock taken at interrupt level: the interrupt rule, at the interrupt-level acquire', () => {
  it('gives a deadlock through a SynchCritSection routine that takes an ordinary spin lock its cause, at that routine (random, seed 1)', async () => {
    const run = await exploreFixture('synch-nested-deadlock', interrupts(), { schedules: 200, strategy: 'random' });
    const [deadlock] = run.findings('deadlock');
    expect(deadlock).toMatchObject({ cause: CAUSE, routine: 'countWrite', context: 'synch', lock: 'ext.DataLock' });
    expect(run.line(deadlock!)).toBe(markedLine('synch-nested-deadlock'));
    expect(deadlock!.message).not.toContain('global order');
  });

  it('gives a lock-order cycle through it the same cause, at the interrupt-level take (random, seed 1)', async () => {
    const run = await exploreFixture('synch-nested-deadlock', interrupts(), { schedules: 200, strategy: 'random' });
    const cycle = run.findings('lock-order').find((f) => f.key.startsWith('cycle|'));
    expect(cycle).toMatchObject({ cause: CAUSE, routine: 'countWrite', lock: 'ext.DataLock' });
    expect(run.line(cycle!)).toBe(markedLine('synch-nested-deadlock'));
    expect(cycle!.message).not.toContain('global order');
  });

  it('gives an ISR self-deadlock the cause (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-shares-dpc-lock', interrupts());
    const found = run.findings('recursive-acquire');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f).toMatchObject({ cause: CAUSE, routine: 'Isr' });
  });

  it('leaves an ABBA deadlock between threads without it: the order is the cure there (pct, seed 1)', async () => {
    const run = await exploreFixture('abba', readersWriters());
    const deadlocks = run.findings('deadlock');
    expect(deadlocks.length).toBeGreaterThan(0);
    for (const f of deadlocks) expect(f.cause).toBeUndefined();
    for (const f of run.findings('lock-order')) expect(f.cause).toBeUndefined();
  });
});
