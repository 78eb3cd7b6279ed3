import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('release-not-held', () => {
  it('fires on a double release (pct, seed 1)', async () => {
    const run = await exploreFixture('double-release', writers());
    const [finding] = run.findings('release-not-held');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x1007; SDV SpinlockRelease', lock: 'ext.Lock', routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('double-release'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('release-not-held')).toEqual([]);
  });
});
