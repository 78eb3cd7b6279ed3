import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { interrupts, writers } from '../../test/fixtures/scenarios/index.js';

describe('uninitialized-lock', () => {
  it('fires on a spin lock acquired before KeInitializeSpinLock (pct, seed 1)', async () => {
    const run = await exploreFixture('no-initialize', writers());
    const [finding] = run.findings('uninitialized-lock');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1002', lock: 'ext.Lock', routine: 'DispatchWrite', context: 'thread', irql: 0 });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('no-initialize'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('uninitialized-lock')).toEqual([]);
  });

  it('fires on IoConnectInterrupt given its SpinLock before KeInitializeSpinLock (pct, seed 1)', async () => {
    const run = await exploreFixture('connect-before-init', interrupts());
    const [finding] = run.findings('uninitialized-lock');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1002; WDK Initializing Spin Locks', lock: 'ext.IsrLock', routine: 'AddDevice' });
    expect(run.line(finding!)).toBe(markedLine('connect-before-init'));
  });
});
