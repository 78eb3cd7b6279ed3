import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('recursive-acquire', () => {
  it('fires on a routine acquiring a lock it holds (pct, seed 1)', async () => {
    const run = await exploreFixture('recursive', writers());
    const [finding] = run.findings('recursive-acquire');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1000; bug check 0xF SPIN_LOCK_ALREADY_OWNED', lock: 'ext.Lock', routine: 'DispatchWrite', irql: 2 });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('recursive'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('recursive-acquire')).toEqual([]);
  });
});
