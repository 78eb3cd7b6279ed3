import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('irql-restore', () => {
  it('fires on KeReleaseSpinLock given another OldIrql than its acquire returned (pct, seed 1)', async () => {
    const run = await exploreFixture('wrong-old-irql', writers());
    const [finding] = run.findings('irql-restore');
    expect(finding).toMatchObject({ rule: 'SDV IrqlKeReleaseSpinLock', lock: 'ext.Inner', routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('wrong-old-irql'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('irql-restore')).toEqual([]);
  });

  it('fires on a routine returning at DISPATCH_LEVEL after a FromDpcLevel release (pct, seed 1)', async () => {
    const run = await exploreFixture('from-dpc-release', writers());
    expect(run.findings('irql-restore')[0]).toMatchObject({ rule: 'SDV IrqlReturn', routine: 'DispatchWrite' });
    expect(run.line(run.findings('irql-restore')[0]!)).toBe(markedLine('from-dpc-release'));
  });
});
