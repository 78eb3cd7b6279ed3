import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('irql-dpc-level', () => {
  it('fires on KeAcquireSpinLockAtDpcLevel at PASSIVE_LEVEL (pct, seed 1)', async () => {
    const run = await exploreFixture('at-dpc-level', writers());
    const [finding] = run.findings('irql-dpc-level');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x40', lock: 'ext.Lock', routine: 'DispatchWrite', irql: 0 });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('at-dpc-level'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('irql-dpc-level')).toEqual([]);
  });
  it('stays silent on dpc-queue (pct, seed 1)', async () => {
    const run = await exploreFixture('dpc-queue', deferredWriters());
    expect(run.findings('irql-dpc-level')).toEqual([]);
  });
});
