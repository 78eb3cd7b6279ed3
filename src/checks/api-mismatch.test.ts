import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, interrupts, readersWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('api-mismatch', () => {
  it('fires on queued and ordinary routines on one lock (pct, seed 1)', async () => {
    const run = await exploreFixture('queued-and-ordinary', readersWriters());
    const [finding] = run.findings('api-mismatch');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1008', lock: 'ext.Lock' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('queued-and-ordinary'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('api-mismatch')).toEqual([]);
  });
  it('stays silent on interlocked-list (pct, seed 1)', async () => {
    const run = await exploreFixture('interlocked-list', deferredWriters());
    expect(run.findings('api-mismatch')).toEqual([]);
  });
  it('stays silent on interrupt-correct (pct, seed 1)', async () => {
    const run = await exploreFixture('interrupt-correct', interrupts());
    expect(run.findings('api-mismatch')).toEqual([]);
  });

  it('fires on a KeAcquireSpinLock acquisition released with KeReleaseSpinLockFromDpcLevel (pct, seed 1)', async () => {
    const run = await exploreFixture('from-dpc-release', writers());
    const [finding] = run.findings('api-mismatch');
    expect(finding).toMatchObject({ rule: 'WDK KeReleaseSpinLockFromDpcLevel', lock: 'ext.Lock' });
    expect(run.line(finding!)).toBe(markedLine('from-dpc-release'));
  });

  it('fires on a plain InsertTailList on an ExInterlocked list (pct, seed 1)', async () => {
    const run = await exploreFixture('interlocked-plain', deferredWriters());
    expect(run.findings('api-mismatch')[0]).toMatchObject({ rule: 'WDK ExInterlocked routines', target: 'ext.Work' });
  });

  it('fires on the interrupt spin lock taken with KeAcquireSpinLock (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-acquire', interrupts());
    expect(run.findings('api-mismatch')[0]).toMatchObject({ rule: 'WDK KeSynchronizeExecution; Verifier 0xC4/0x1008', lock: 'ext.IsrLock' });
  });

  it('names the queued family when a queued acquisition is released with the FromDpcLevel form (pct, seed 1)', async () => {
    const run = await exploreFixture('queued-released-from-dpc', writers(1));
    const [finding] = run.findings('api-mismatch');
    expect(finding).toMatchObject({ rule: 'WDK KeReleaseInStackQueuedSpinLockFromDpcLevel', lock: 'ext.Lock' });
    expect(finding!.message).toContain('KeReleaseInStackQueuedSpinLock');
    expect(finding!.message).not.toMatch(/KeReleaseSpinLock\b/);
    // …and the routine's return at DISPATCH_LEVEL is told to use the queued routine too.
    const [late] = run.findings('irql-restore');
    expect(late!.message).toContain('KeReleaseInStackQueuedSpinLock');
    expect(late!.message).not.toMatch(/KeReleaseSpinLock\b/);
  });
});
