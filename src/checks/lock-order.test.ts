import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { interrupts, writeThenRead, writers } from '../../test/fixtures/scenarios/index.js';

describe('lock-order', () => {
  it('fires on an ABBA order in runs that cannot deadlock (one thread, write then read) (pct, seed 1)', async () => {
    const run = await exploreFixture('abba', writeThenRead);
    const [finding] = run.findings('lock-order');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1001 (lock hierarchy violation)', routine: 'DispatchRead' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('abba'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('lock-order')).toEqual([]);
  });
  it('stays silent on interrupt-correct (pct, seed 1)', async () => {
    const run = await exploreFixture('interrupt-correct', interrupts());
    expect(run.findings('lock-order')).toEqual([]);
  });

  it('fires on a lock taken both in an ISR and at DISPATCH_LEVEL outside the interrupt lock (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-shares-dpc-lock', interrupts());
    expect(run.findings('lock-order').find((f) => f.key === 'isr|ext.DataLock')).toMatchObject({ lock: 'ext.DataLock' });
  });

  it('reports ISR sharing at the ISR\'s acquire (the defect), the dispatch routine\'s acquire beside it (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-shares-dpc-lock', interrupts());
    const sharing = run.findings('lock-order').find((f) => f.key === 'isr|ext.DataLock')!;
    expect(sharing).toMatchObject({ routine: 'Isr', context: 'isr', related: [{ routine: 'DispatchWrite', label: 'ext.DataLock also taken here by DispatchWrite, without the interrupt lock' }] });
    expect(run.line(sharing)).toBe(markedLine('isr-shares-dpc-lock'));
    expect(run.relatedLine(sharing, 0)).toBe(markedLine('isr-shares-dpc-lock', 'low'));
  });

  it('cites its own rule for ISR sharing, never the ExInterlocked page (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-shares-dpc-lock', interrupts());
    const sharing = run.findings('lock-order').find((f) => f.key.startsWith('isr|'))!;
    expect(sharing.rule).toBe('lockdep inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage');
    expect(sharing.message).toMatch(/taken in the ISR /);
  });

  it('counts every schedule that took the cycle\'s orderings, the ones before it was found included (pct, seed 1)', async () => {
    const run = await exploreFixture('abba', writeThenRead);
    const cycle = run.result.groups.find((g) => g.finding.check === 'lock-order')!;
    // One thread writes (A then B) then reads (B then A): every schedule has both orderings.
    expect(cycle.schedules).toEqual(Array.from({ length: run.result.schedulesRun }, (_, i) => i));
  });

  it('counts every schedule that took the ISR-shared lock outside the interrupt lock (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-shares-dpc-lock', interrupts());
    const sharing = run.result.groups.find((g) => g.finding.key === 'isr|ext.DataLock')!;
    expect(sharing.schedules.length).toBeGreaterThan(run.result.schedulesRun / 2);
    expect([...sharing.schedules].sort((a, b) => a - b)).toEqual(sharing.schedules);
  });
});

