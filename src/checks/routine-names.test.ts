import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { readersWriters } from '../../test/fixtures/scenarios/index.js';

/** The scenario's thread names (readersWriters): never where a routine belongs. */
const THREADS = /\b(writer|reader)\d\b/;

describe('findings name routines, not the scenario threads that ran them', () => {
  it('names the routine that acquired a lock released by other code after it returned (pct, seed 1)', async () => {
    const run = await exploreFixture('leak-then-release', readersWriters(), { schedules: 30 });
    const found = run.findings('wrong-releaser');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f.routine).toBe('DispatchRead');
      expect(f.related![0]!.routine).toBe('DispatchWrite');
      expect(f.message).toContain('which DispatchWrite on CPU');
      expect(f.message).not.toMatch(THREADS);
    }
  });

  it('names DispatchWrite in a release by other code while it still runs, as before (pct, seed 1)', async () => {
    const run = await exploreFixture('release-by-other', readersWriters(), { schedules: 30 });
    for (const f of run.findings('wrong-releaser')) expect(f.message).not.toMatch(THREADS);
  });
});
