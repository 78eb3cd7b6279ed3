import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('unsafe-under-lock', () => {
  it('fires on IoCompleteRequest while holding the lock (pct, seed 1)', async () => {
    const run = await exploreFixture('complete-under-lock', writers());
    const [finding] = run.findings('unsafe-under-lock');
    expect(finding).toMatchObject({ rule: 'SDV SpinLockSafe', lock: 'ext.Lock', routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('complete-under-lock'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('unsafe-under-lock')).toEqual([]);
  });
  it('stays silent on dpc-queue (pct, seed 1)', async () => {
    const run = await exploreFixture('dpc-queue', deferredWriters());
    expect(run.findings('unsafe-under-lock')).toEqual([]);
  });
});
