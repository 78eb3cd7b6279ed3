/** hunt/deadlock01 (SCTBench CS/deadlock01_bad): two threads, one request each. */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_THREAD1 = 0x222000;
const IOCTL_THREAD2 = 0x222004;

export default defineScenario({
  title: 'two threads update a counter under two locks',
  cpus: 2,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    sim.thread('thread1', 0, async (t) => void (await t.ioctl(device, IOCTL_THREAD1)));
    sim.thread('thread2', 1, async (t) => void (await t.ioctl(device, IOCTL_THREAD2)));
    await sim.join();
  },
});
