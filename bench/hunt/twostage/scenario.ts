/** hunt/twostage (SCTBench CS/twostage_bad): one funcA thread and one funcB thread; funcB asserts data2 == data1 + 1. */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_FUNC_A = 0x222000;
const IOCTL_FUNC_B = 0x222004;

export default defineScenario({
  title: 'a two-stage update and a reader',
  cpus: 2,
  assertions: ['stages-agree'],
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    sim.thread('funcA', 0, async (t) => void (await t.ioctl(device, IOCTL_FUNC_A)));
    sim.thread('funcB', 1, async (t) => {
      const [set, t1, t2] = (await t.ioctl(device, IOCTL_FUNC_B, [0, 0, 0])).buffer;
      t.assert('stages-agree', set === 0 || t2 === t1! + 1, `funcB read data1 = ${String(t1)} and data2 = ${String(t2)}`);
    });
    await sim.join();
  },
});
