import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('step-limit', () => {
  it('fires on a routine that loops forever (pct, seed 1)', async () => {
    const run = await exploreFixture('spins-forever', writers(), { schedules: 5, maxSteps: 2000 });
    const [finding] = run.findings('step-limit');
    expect(finding).toMatchObject({ rule: 'bounded execution (Shuttle MaxSteps)', routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('spins-forever'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('step-limit')).toEqual([]);
  });

  it('fires on a routine awaiting a promise that never settles, without hanging (pct, seed 1)', async () => {
    const run = await exploreFixture('awaits-forever', writers(), { schedules: 5 });
    const [finding] = run.findings('step-limit');
    expect(finding).toMatchObject({ rule: 'spinlab: only kernel routines are scheduling points', routine: 'DispatchWrite' });
    expect(finding!.message).toContain('never settles');
  });
});
