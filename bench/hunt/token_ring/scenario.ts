/** hunt/token_ring (SCTBench CS/token_ring_bad): three stages and a checker, one thread each. */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_STAGE = 0x222000;
const IOCTL_CHECK = 0x222004;

export default defineScenario({
  title: 'a token passed round a ring of three',
  cpus: 4,
  assertions: ['ring-agrees'],
  async run(sim) {
    const ring = await sim.start();
    if (ring === null) return;
    for (const n of [1, 2, 3]) sim.thread(`t${n}`, n - 1, async (t) => void (await t.ioctl(ring, IOCTL_STAGE, [n])));
    sim.thread('t4', 3, async (t) => {
      const [all, equal] = (await t.ioctl(ring, IOCTL_CHECK, [0, 0])).buffer;
      t.assert('ring-agrees', all === 0 || equal === 1, 'after all three stages, x1, x2 and x3 differ');
    });
    await sim.join();
  },
});
