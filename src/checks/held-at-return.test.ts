import { describe, expect, it } from 'vitest';
import { describeFinding } from '../grade/describe-finding.js';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('held-at-return', () => {
  it('fires on an early return that keeps the lock, at that return, with the acquire beside it (pct, seed 1)', async () => {
    const run = await exploreFixture('early-return', writers());
    const group = run.result.groups.find((g) => g.finding.check === 'held-at-return')!;
    expect(group.finding).toMatchObject({ rule: 'SDV SpinLock', lock: 'ext.Lock', routine: 'DispatchWrite' });
    const reported = describeFinding(group, run.driver, null);
    expect(reported.location?.line).toBe(markedLine('early-return', 'return'));
    expect(reported.related[0]?.location?.line).toBe(markedLine('early-return'));
  });

  it('names the routine\'s own `return finish(…)`, never the helper\'s `return`, when a helper completes; the helper\'s acquire beside it (pct, seed 1)', async () => {
    const run = await exploreFixture('early-return-helper', writers());
    const group = run.result.groups.find((g) => g.finding.check === 'held-at-return')!;
    const reported = describeFinding(group, run.driver, null);
    expect(reported.location?.line).toBe(markedLine('early-return-helper', 'return'));
    expect(reported.related).toMatchObject([{ label: 'ext.Lock acquired here', routine: 'DispatchWrite', location: { line: markedLine('early-return-helper') } }]);
  });

  it('leaves the lock held, as the real machine does: the next acquirer spins and the hang is found (pct, seed 1)', async () => {
    const run = await exploreFixture('early-return', writers());
    const hangs = [...run.findings('recursive-acquire'), ...run.findings('deadlock')];
    expect(hangs.length).toBeGreaterThan(0);
    expect(hangs.every((f) => f.lock === 'ext.Lock')).toBe(true);
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('held-at-return')).toEqual([]);
  });
  it('stays silent on dpc-queue (pct, seed 1)', async () => {
    const run = await exploreFixture('dpc-queue', deferredWriters());
    expect(run.findings('held-at-return')).toEqual([]);
  });
});
