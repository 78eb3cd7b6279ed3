import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { readersWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('wrong-releaser', () => {
  it('fires on a routine releasing a lock another context holds (pct, seed 1)', async () => {
    const run = await exploreFixture('wrong-releaser', readersWriters());
    const [finding] = run.findings('wrong-releaser');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1004', lock: 'ext.Lock', routine: 'DispatchRead' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('wrong-releaser'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('wrong-releaser')).toEqual([]);
  });
});
