import { it } from 'vitest';
import { explore } from '../../src/explore/index.js';
import { LocalRealm } from '../../src/machine/index.js';
import * as counter from '../fixtures/drivers/counter.js';
import { defineScenario } from '../../src/scenario/index.js';

it('perf', async () => {
  const scenario = defineScenario({ title: 'loop', cpus: 4, async run(sim) {
    const d = await sim.start(); if (!d) return;
    for (let i = 0; i < 4; i++) sim.thread('w'+i, i, async (t) => { for (let n = 0; n < 50; n++) await t.write(d, [1]); });
    await sim.join();
  }});
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const result = await explore({ driver: new LocalRealm(counter), scenario, strategy: 'random', seed: 1, schedules: 50 });
    const ms = performance.now() - t0;
    console.log(result.totals.kernelCalls, 'calls', (result.totals.kernelCalls / ms * 1000).toFixed(0), 'calls/s', (50 / ms * 1000).toFixed(1), 'sched/s', result.groups.length);
  }
});
