/**
 * hunt/WorkStealQueue (SCTBench chess/WorkStealQueue: 1 stealer, 4 items, 2
 * steal attempts, a queue of 2). The owner (main) pushes two items and pops
 * one, twice, then pops twice; the stealer tries to steal twice. After both,
 * every item must have been operated on exactly once (the original's Check).
 */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_PUSH = 0x222000;
const IOCTL_POP = 0x222004;
const IOCTL_STEAL = 0x222008;
const ITEMS = 4;
const STEAL_ATTEMPTS = 2;

export default defineScenario({
  title: 'a work-stealing queue: its owner pushes and pops, a stealer steals',
  cpus: 2,
  async run(sim) {
    const queue = await sim.start();
    if (queue === null) return;
    const stealer = sim.thread('Stealer', 1, async (t) => {
      for (let i = 0; i < STEAL_ATTEMPTS; i++) await t.ioctl(queue, IOCTL_STEAL, [0, 0]);
    });
    const owner = sim.thread('main', 0, async (t) => {
      for (let i = 0; i < ITEMS / 2; i++) {
        await t.ioctl(queue, IOCTL_PUSH, [2 * i]);
        await t.ioctl(queue, IOCTL_PUSH, [2 * i + 1]);
        await t.ioctl(queue, IOCTL_POP, [0, 0]);
      }
      for (let i = 0; i < ITEMS / 2; i++) await t.ioctl(queue, IOCTL_POP, [0, 0]);
    });
    await sim.join(owner);
    await sim.join(stealer);
  },
  invariants: {
    'each-item-once': (s) => {
      const operated = s.ext.Operated as number[];
      const wrong = operated.map((n, item) => [item, n] as const).filter(([, n]) => n !== 1);
      return wrong.length === 0 || wrong.map(([item, n]) => `item ${item} was operated on ${n} times`).join('; ');
    },
  },
});
