/**
 * 01-initialize-lock: four threads, one per CPU, each send three writes of
 * different lengths. Count must end at 12 and Words at the total length.
 */
import { defineScenario, STATUS_SUCCESS } from 'spinlab/scenario';

const THREADS = 4;
const WRITES = 3;
/** Thread t's n-th write carries t + n + 1 words. */
const length = (t: number, n: number): number => t + n + 1;
/** 42 with 4 threads of 3 writes. */
const totalWords = Array.from({ length: THREADS }, (_, t) => Array.from({ length: WRITES }, (_, n) => length(t, n))).flat().reduce((a, b) => a + b, 0);

export default defineScenario({
  title: `${THREADS} writer threads, one per CPU, ${WRITES} writes each`,
  cpus: 4,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    for (let t = 0; t < THREADS; t++) {
      sim.thread(`writer${t}`, t, async (thread) => {
        for (let n = 0; n < WRITES; n++) {
          await thread.write(device, new Array<number>(length(t, n)).fill(t + 1));
        }
      });
    }
    await sim.join();
  },
  invariants: {
    'count-exact': (s) =>
      (s.ext.Count === THREADS * WRITES && s.ext.Words === totalWords) ||
      `Count is ${String(s.ext.Count)} and Words is ${String(s.ext.Words)}; expected ${THREADS * WRITES} and ${totalWords}`,
    'writes-succeed': (s) => {
      for (const irp of s.irps) {
        if (irp.status !== STATUS_SUCCESS) return `a write was completed with status 0x${(irp.status >>> 0).toString(16)}, expected STATUS_SUCCESS`;
        if (irp.information !== irp.buffer.length) return `a write of ${irp.buffer.length} words was completed with Information ${irp.information}`;
      }
      return true;
    },
  },
});
