import { describe, expect, it } from 'vitest';
import { checksFound } from '../../../test/helpers/explore-fixture.js';
import { exploreExample } from '../../../test/helpers/example-driver.js';
import { CHECK_IDS } from '../finding.js';
import { EXPLANATIONS } from './index.js';

describe('spinlab explain examples run through the checks (pct, seed 1)', () => {
  for (const check of CHECK_IDS) {
    const explanation = EXPLANATIONS[check];
    it(`${check}: the wrong example fires it`, async () => {
      // A schedule that never ends is stopped at its budget: a small one finds it sooner.
      const run = await exploreExample(explanation.wrong, check === 'step-limit' ? { schedules: 5, maxSteps: 2000 } : {});
      expect(checksFound(run)).toContain(check);
    });
    it(`${check}: the right example finds nothing`, async () => {
      const run = await exploreExample(explanation.right);
      expect(checksFound(run)).toEqual([]);
    });
  }
});
