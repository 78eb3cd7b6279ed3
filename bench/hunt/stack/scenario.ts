/**
 * hunt/stack (SCTBench CS/stack_bad): a pusher pushes 0…9, a popper tries
 * ten pops; each push asserts it did not overflow, each pop that ran that it
 * did not underflow.
 */
import { defineScenario } from 'spinlab/scenario';

const SIZE = 10;
const OVERFLOW = -1;
const UNDERFLOW = -2;
const IOCTL_PUSH = 0x222000;
const IOCTL_POP = 0x222004;

export default defineScenario({
  title: 'a pusher and a popper on a stack of ten',
  cpus: 2,
  assertions: ['push-never-overflows', 'pop-never-underflows'],
  async run(sim) {
    const stack = await sim.start();
    if (stack === null) return;
    sim.thread('t1', 0, async (t) => {
      for (let i = 0; i < SIZE; i++) {
        const [status] = (await t.ioctl(stack, IOCTL_PUSH, [i])).buffer;
        t.assert('push-never-overflows', status !== OVERFLOW, `push ${i} overflowed`);
      }
    });
    sim.thread('t2', 1, async (t) => {
      for (let i = 0; i < SIZE; i++) {
        const [popped, value] = (await t.ioctl(stack, IOCTL_POP, [0, 0])).buffer;
        t.assert('pop-never-underflows', popped === 0 || value !== UNDERFLOW, `pop ${i} underflowed`);
      }
    });
    await sim.join();
  },
});
