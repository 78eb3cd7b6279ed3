import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('release-order', () => {
  it('fires on nested locks released in acquisition order (pct, seed 1)', async () => {
    const run = await exploreFixture('release-order', writers());
    const [finding] = run.findings('release-order');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1003', lock: 'ext.Lock', routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('release-order'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('release-order')).toEqual([]);
  });
});
