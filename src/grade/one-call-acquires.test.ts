import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';
import { describeFinding } from './describe-finding.js';

/** The reported recursive-acquire of fixture `name` under two writers. */
async function reported(name: string) {
  const run = await exploreFixture(name, writers(1, 2), { schedules: 10 });
  const group = run.result.groups.find((g) => g.finding.check === 'recursive-acquire')!;
  return describeFinding(group, run.driver, null);
}

describe('a lock acquired twice in one call: where each acquire is', () => {
  it('names the routine that took it and the helper it calls that takes it again (pct, seed 1)', async () => {
    const finding = await reported('recursive-helper');
    expect(finding).toMatchObject({ cause: 'acquired-twice-in-one-call', routine: 'DispatchWrite', lock: 'ext.Lock' });
    expect(finding.message).toContain('addOne, called from DispatchWrite, takes it again');
    expect(finding.message).toContain('DispatchWrite took it');
    expect(finding.message).not.toContain('this very routine');
  });

  it('names the routine alone when both acquires are in it (pct, seed 1)', async () => {
    const finding = await reported('recursive');
    expect(finding).toMatchObject({ cause: 'acquired-twice-in-one-call', routine: 'DispatchWrite' });
    expect(finding.message).not.toContain('called from');
  });
});
