/**
 * 01-initialize-lock: two to four writer threads, each pinned to its own
 * CPU, each send two to four writes of 1 to 8 words. How many threads, on
 * which CPUs, how many writes and of which lengths is drawn anew for every
 * schedule, so Count and Words must end at what this schedule sent.
 */
import { defineScenario, STATUS_SUCCESS } from 'spinlab/scenario';

/** One writer thread: its CPU, and the length of each of its writes, in order. */
interface Writer {
  readonly cpu: number;
  readonly lengths: readonly number[];
}

const CPUS = 4;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export default defineScenario({
  title: '2–4 writer threads, one per CPU, 2–4 writes of 1–8 words each',
  cpus: CPUS,
  workload(draw): Writer[] {
    const cpus = draw.shuffle([0, 1, 2, 3]).slice(0, draw.int(2, CPUS));
    return cpus.map((cpu) => ({ cpu, lengths: Array.from({ length: draw.int(2, 4) }, () => draw.int(1, 8)) }));
  },
  async run(sim, writers) {
    const device = await sim.start();
    if (device === null) return;
    for (const { cpu, lengths } of writers) {
      sim.thread(`writer${cpu}`, cpu, async (thread) => {
        for (const length of lengths) await thread.write(device, new Array<number>(length).fill(cpu + 1));
      });
    }
    await sim.join();
  },
  invariants: {
    'count-exact': (s, writers) => {
      const writes = sum(writers.map((w) => w.lengths.length));
      const words = sum(writers.map((w) => sum(w.lengths)));
      return (
        (s.ext.Count === writes && s.ext.Words === words) ||
        `Count is ${String(s.ext.Count)} and Words is ${String(s.ext.Words)}; this schedule sent ${writes} writes of ${words} words in all, so expected ${writes} and ${words}`
      );
    },
    'writes-succeed': (s, writers) => {
      for (const { cpu, lengths } of writers) {
        for (const [n, irp] of s.sentBy(`writer${cpu}`).entries()) {
          if (irp.status !== STATUS_SUCCESS) return `a write was completed with status 0x${(irp.status >>> 0).toString(16)}, expected STATUS_SUCCESS`;
          if (irp.information !== lengths[n]) return `a write of ${String(lengths[n])} words was completed with Information ${irp.information}`;
        }
      }
      return true;
    },
  },
});
