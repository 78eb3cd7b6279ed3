import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { interrupts } from '../../test/fixtures/scenarios/index.js';

describe('irql-acquire', () => {
  it('fires on KeAcquireSpinLock in an ISR (pct, seed 1)', async () => {
    const run = await exploreFixture('isr-acquire', interrupts());
    const [finding] = run.findings('irql-acquire');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x42; SDV IrqlKeDispatchLte', lock: 'ext.IsrLock', routine: 'Isr', context: 'isr', irql: 5 });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('isr-acquire'));
  });

  it('stays silent on interrupt-correct (pct, seed 1)', async () => {
    const run = await exploreFixture('interrupt-correct', interrupts());
    expect(run.findings('irql-acquire')).toEqual([]);
  });
});
