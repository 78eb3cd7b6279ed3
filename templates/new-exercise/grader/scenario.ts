import { defineScenario } from 'spinlab/scenario';

export default defineScenario({
  title: 'four writers, three writes each',
  cpus: 4,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    for (const cpu of sim.cpus) {
      sim.thread(`writer${cpu}`, cpu, async (t) => {
        for (let i = 0; i < 3; i++) await t.write(device, [1]);
      });
    }
    await sim.join();
  },
  invariants: {
    count: (s) => s.ext.Count === 12 || `Count is ${String(s.ext.Count)}, expected 12`,
  },
});
