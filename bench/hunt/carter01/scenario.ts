/**
 * hunt/carter01 (SCTBench CS/carter01_bad): a class A operation and a class
 * B operation, one thread each, and two threads that do nothing (t3 and t4
 * of the original).
 */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_CLASS_A = 0x222000;
const IOCTL_CLASS_B = 0x222004;

export default defineScenario({
  title: 'two classes of operation that exclude each other',
  cpus: 4,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    const a1 = sim.thread('a1', 0, async (t) => void (await t.ioctl(device, IOCTL_CLASS_A)));
    const b1 = sim.thread('b1', 1, async (t) => void (await t.ioctl(device, IOCTL_CLASS_B)));
    const a2 = sim.thread('a2', 2, async () => {});
    const b2 = sim.thread('b2', 3, async () => {});
    for (const thread of [a1, b1, a2, b2]) await sim.join(thread);
  },
});
