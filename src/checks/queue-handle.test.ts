import { describe, expect, it } from 'vitest';
import { describeFinding } from '../grade/describe-finding.js';
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

  it('names a local handle by the student\'s variable (pct, seed 1)', async () => {
    const run = await exploreFixture('handle-reused', writers(1));
    const group = run.result.groups.find((g) => g.finding.check === 'queue-handle')!;
    const reported = describeFinding(group, run.driver, null);
    expect(reported.message).toContain('`queueHandle`');
    expect(reported.message).not.toMatch(/KLOCK_QUEUE_HANDLE#\d/);
    expect(reported.location?.line).toBe(markedLine('handle-reused'));
  });
});
