import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { readersWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('deadlock', () => {
  it('fires on two routines taking two locks in opposite orders (pct, seed 1)', async () => {
    const run = await exploreFixture('abba', readersWriters());
    const [finding] = run.findings('deadlock');
    expect(finding).toMatchObject({ rule: 'Verifier deadlock detection (!deadlock)' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(finding!.details?.length).toBe(2);
    // Either inner acquire closes the cycle, whichever CPU spins last.
    expect([markedLine('abba'), markedLine('abba', 'closes-cycle')]).toContain(run.line(finding!));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('deadlock')).toEqual([]);
  });
});
