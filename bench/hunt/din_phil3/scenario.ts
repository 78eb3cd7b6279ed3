/** hunt/din_phil3 (SCTBench CS/din_phil3): three philosophers, one thread and one meal each. */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_EAT = 0x222000;

export default defineScenario({
  title: 'three dining philosophers',
  cpus: 3,
  async run(sim) {
    const table = await sim.start();
    if (table === null) return;
    for (const id of [0, 1, 2]) sim.thread(`philosopher${id}`, id, async (t) => void (await t.ioctl(table, IOCTL_EAT, [id])));
    await sim.join();
  },
});
