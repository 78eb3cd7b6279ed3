import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('reinitialized-lock', () => {
  it('fires on KeInitializeSpinLock called twice on one lock (pct, seed 1)', async () => {
    const run = await exploreFixture('initialize-twice', writers());
    const [finding] = run.findings('reinitialized-lock');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1005', lock: 'ext.Lock', routine: 'AddDevice' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('initialize-twice'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('reinitialized-lock')).toEqual([]);
  });

  it('advises initializing where the lock is first initialized, not a fixed routine (pct, seed 1)', async () => {
    const run = await exploreFixture('reinitialize-driver-lock', writers(1));
    const [finding] = run.findings('reinitialized-lock');
    expect(finding!.message).toContain('in DriverEntry (where it is first initialized)');
    expect(finding!.message).not.toContain('AddDevice');
  });
});
