/** hunt/wronglock (SCTBench CS/wronglock_bad): one funcA thread and seven funcB threads, one request each. */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_FUNC_A = 0x222000;
const IOCTL_FUNC_B = 0x222004;
const FUNC_B_THREADS = 7;

export default defineScenario({
  title: 'one checked increment and seven plain ones',
  cpus: 8,
  assertions: ['grew-by-one'],
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    sim.thread('funcA', 0, async (t) => {
      const [bug] = (await t.ioctl(device, IOCTL_FUNC_A, [0])).buffer;
      t.assert('grew-by-one', bug === 0, 'dataValue grew by other than one within funcA');
    });
    for (let i = 1; i <= FUNC_B_THREADS; i++) sim.thread(`funcB${i}`, i, async (t) => void (await t.ioctl(device, IOCTL_FUNC_B)));
    await sim.join();
  },
});
