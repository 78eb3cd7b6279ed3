import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';
import { causesOf, withFolding } from './fold-findings.js';
import { describeFinding } from './describe-finding.js';

describe('folding findings under their cause', () => {
  it('folds the hang a leaked lock causes and the invariant it left unreached under the held-at-return, and the cause lists them (pct, seed 1)', async () => {
    const run = await exploreFixture('early-return', writers());
    const groups = run.result.groups;
    const causes = causesOf(groups);
    const leak = groups.find((g) => g.finding.check === 'held-at-return')!;
    const hangs = groups.filter((g) => g.finding.check === 'recursive-acquire' || g.finding.check === 'deadlock');
    const unreached = groups.filter((g) => g.finding.check === 'invariant' && g.finding.unreached === true);
    expect(hangs.length).toBeGreaterThan(0);
    expect(unreached.length).toBeGreaterThan(0);
    for (const group of [...hangs, ...unreached]) expect(causes.get(group)?.id, group.id).toBe(leak.id);
    expect(causes.has(leak)).toBe(false);
    const describe = (g: (typeof groups)[number]) => describeFinding(g, run.driver, null);
    expect(withFolding(unreached[0]!, causes, describe).causedBy).toMatchObject({ check: 'held-at-return', routine: 'DispatchWrite' });
    expect(withFolding(leak, causes, describe).consequences?.map((c) => c.check).sort()).toEqual([...hangs, ...unreached].map((g) => g.finding.check).sort());
  });

  it('folds nothing when no finding follows from another (lost-update: a race and the invariant it breaks, reached) (pct, seed 1)', async () => {
    const run = await exploreFixture('lost-update', writers());
    expect(run.result.groups.length).toBeGreaterThan(0);
    expect(causesOf(run.result.groups).size).toBe(0);
  });
});
