import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('held-at-return', () => {
  it('fires on an early return that keeps the lock (pct, seed 1)', async () => {
    const run = await exploreFixture('early-return', writers());
    const [finding] = run.findings('held-at-return');
    expect(finding).toMatchObject({ rule: 'SDV SpinLock', lock: 'ext.Lock', routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('early-return'));
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
