/** hunt/lazy01 (SCTBench CS/lazy01_bad): two updates and a check, one thread each; the check asserts Data < 3. */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_ADD = 0x222000;
const IOCTL_CHECK = 0x222004;

export default defineScenario({
  title: 'two updates and a check of one counter',
  cpus: 3,
  assertions: ['data-below-3'],
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    sim.thread('thread1', 0, async (t) => void (await t.ioctl(device, IOCTL_ADD, [1])));
    sim.thread('thread2', 1, async (t) => void (await t.ioctl(device, IOCTL_ADD, [2])));
    sim.thread('thread3', 2, async (t) => {
      const [data] = (await t.ioctl(device, IOCTL_CHECK, [0])).buffer;
      t.assert('data-below-3', data! < 3, `the check saw Data = ${String(data)}`);
    });
    await sim.join();
  },
});
