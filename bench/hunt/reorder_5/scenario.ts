/** hunt/reorder_5 (SCTBench CS/reorder_5_bad): four setter threads and one checker, one request each. */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_SET = 0x222000;
const IOCTL_CHECK = 0x222004;
const SETTERS = 4;

export default defineScenario({
  title: 'four setters of a pair and one checker',
  cpus: 5,
  assertions: ['pair-consistent'],
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    for (let i = 0; i < SETTERS; i++) sim.thread(`setThread${i}`, i, async (t) => void (await t.ioctl(device, IOCTL_SET)));
    sim.thread('checkThread', SETTERS, async (t) => {
      const [a, b] = (await t.ioctl(device, IOCTL_CHECK, [0, 0])).buffer;
      t.assert('pair-consistent', (a === 0 && b === 0) || (a === 1 && b === -1), `the checker saw a = ${String(a)}, b = ${String(b)}`);
    });
    await sim.join();
  },
});
