import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { handoff } from '../../test/fixtures/scenarios/index.js';
import type { StrategyName } from './strategy.js';

const STRATEGIES: readonly StrategyName[] = ['random', 'pct', 'dfs', 'idb'];
const summary = (run: Awaited<ReturnType<typeof exploreFixture>>) => run.result.groups.map((g) => `${g.finding.check}: ${g.finding.message}`);

describe('a driver that polls a flag another CPU sets (fairness: no context waits for ever)', () => {
  it.each(STRATEGIES)('%s: a correct handoff never hangs (PCT and the bounded searches would otherwise spin the poller to the step limit)', async (strategy) => {
    const run = await exploreFixture('polls-flag', handoff(1), { strategy, schedules: 120 });
    expect(summary(run)).toEqual([]);
  });

  it.each(STRATEGIES)('%s: a flag set before the data is still caught', async (strategy) => {
    const run = await exploreFixture('polls-flag', handoff(2), { strategy, schedules: 120 });
    expect(run.result.groups.map((g) => g.finding.check)).toEqual(['invariant']);
    expect(run.result.groups[0]!.finding.message).toContain('the reader got 0');
  });

  it('is decided by the schedule alone: an exploration runs the same twice, and the code of a failing schedule replays its finding', async () => {
    const [first, second] = await Promise.all([1, 2].map(() => exploreFixture('polls-flag', handoff(2), { strategy: 'pct', seed: 3, schedules: 60 })));
    expect(second!.result.totals).toEqual(first!.result.totals);
    expect(second!.result.search).toEqual(first!.result.search);
    const group = first!.result.groups[0]!;
    const replay = await exploreFixture('polls-flag', handoff(2), { strategy: 'replay', schedule: group.code });
    expect(summary(replay)).toEqual([`invariant: ${group.finding.message}`]);
  });

  it.each(STRATEGIES)('%s: a flag no one sets still hangs the reader until the step limit', async (strategy) => {
    const run = await exploreFixture('polls-flag', handoff(0), { strategy, schedules: 3, maxSteps: 3000 });
    expect(run.findings('step-limit')).toHaveLength(1);
  });
});
