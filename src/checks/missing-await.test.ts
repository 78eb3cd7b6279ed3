import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { interrupts, writers } from '../../test/fixtures/scenarios/index.js';

describe('missing-await', () => {
  it('fires on a release that is not awaited (pct, seed 1)', async () => {
    const run = await exploreFixture('missing-await', writers());
    const [finding] = run.findings('missing-await');
    expect(finding).toMatchObject({ routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('missing-await'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('missing-await')).toEqual([]);
  });
  it('stays silent on interrupt-correct (pct, seed 1)', async () => {
    const run = await exploreFixture('interrupt-correct', interrupts());
    expect(run.findings('missing-await')).toEqual([]);
  });

  it('fires on a routine that returns right after a kernel call it did not await (every schedule, pct seed 1)', async () => {
    const run = await exploreFixture('missing-await-last', writers());
    const group = run.result.groups.find((g) => g.finding.check === 'missing-await');
    expect(group?.finding).toMatchObject({ routine: 'AddDevice' });
    expect(group?.schedules.length).toBe(run.result.schedulesRun);
    expect(run.line(group!.finding)).toBe(markedLine('missing-await-last'));
  });

  it('names the unawaited KeSynchronizeExecution once, never the SynchCritSection routine it runs; the hang that follows says so and names its cause (pct, seed 1)', async () => {
    const run = await exploreFixture('synchronize-not-awaited', interrupts());
    const awaits = run.findings('missing-await');
    expect(awaits).toMatchObject([{ routine: 'DispatchWrite', key: 'DispatchWrite|KeSynchronizeExecution' }]);
    expect(run.line(awaits[0]!)).toBe(markedLine('synchronize-not-awaited'));
    const hangs = run.findings('step-limit');
    expect(hangs.length).toBeGreaterThan(0);
    expect(hangs.every((f) => f.causedBy === 'missing-await|DispatchWrite|KeSynchronizeExecution' && f.routine === 'DispatchWrite' && !f.message.includes('never settles'))).toBe(true);
  });
});
