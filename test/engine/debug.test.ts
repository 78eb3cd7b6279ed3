import { it } from 'vitest';
import { exploreFixture } from '../helpers/explore-fixture.js';
import * as s from '../fixtures/scenarios/index.js';
it('debug', async () => {
  const run = await exploreFixture(process.env.FIX ?? 'interrupt-correct', (s as any)[process.env.SCEN ?? 'interrupts'](), { maxSteps: 2000 });
  for (const g of run.result.groups) console.log(g.id, '\n  ', g.finding.message, 'line', run.line(g.finding), JSON.stringify(g.finding.related?.map(r => [r.label, r.routine, r.seq])), g.schedules.length);
});
