import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('queue-handle', () => {
  it('fires on one KLOCK_QUEUE_HANDLE shared by every acquisition (pct, seed 1)', async () => {
    const run = await exploreFixture('shared-handle', writers());
    const [finding] = run.findings('queue-handle');
    expect(finding).toMatchObject({ rule: 'WDK KeAcquireInStackQueuedSpinLock', lock: 'ext.Lock', target: 'ext.Handle' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('shared-handle'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('queue-handle')).toEqual([]);
  });
});
