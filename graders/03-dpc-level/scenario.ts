/**
 * 03-dpc-level: three writers queue work items on three CPUs and a DPC
 * drains them; a fourth thread reads the counters while that goes on.
 *
 * Every write carries two values, so each IRP_MJ_WRITE queues two work items
 * and one DPC: a DPC that takes only one item per run leaves work behind.
 * The DPC runs on the writers' CPUs, and — queued again while it runs — on
 * two CPUs at once, so the queue and the counters are shared between
 * PASSIVE_LEVEL threads and DISPATCH_LEVEL DPCs on several CPUs.
 */
import { defineScenario } from 'spinlab/scenario';

/** Writes per writer thread. */
const WRITES = 2;
/** The writer threads (one per CPU, CPUs 0–2). */
const WRITERS = 3;
/** Reads by the reader thread (CPU 3). */
const READS = 2;

/** The two values writer `w` sends in its write `n`: distinct, so a value counted twice shows. */
function valuesOf(w: number, n: number): number[] {
  const base = 10 * (w * WRITES + n + 1);
  return [base + 1, base + 2];
}

/** Every value the writers send. */
const ALL_VALUES = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: WRITES }, (_, n) => valuesOf(w, n))).flat(2);
const items = ALL_VALUES.length;
const sum = ALL_VALUES.reduce((a, b) => a + b, 0);

export default defineScenario({
  title: `${WRITERS} writers queue ${items} work items for a DPC; a reader reads the counters`,
  cpus: 4,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    for (let w = 0; w < WRITERS; w++) {
      sim.thread(`writer${w}`, w, async (t) => {
        for (let n = 0; n < WRITES; n++) await t.write(device, valuesOf(w, n));
      });
    }
    sim.thread('reader', WRITERS, async (t) => {
      for (let n = 0; n < READS; n++) await t.read(device, 3);
    });
    await sim.join();
  },
  invariants: {
    'all-work-counted': (s) => {
      const left = s.list('ext.Queue', 'Entry').length;
      if (left !== 0) return `${left} work item(s) are still on ext.Queue after the last DPC ran`;
      if (s.ext.Queued !== items) return `ext.Queued is ${String(s.ext.Queued)}, expected ${items} (one per value written)`;
      if (s.ext.Drained !== items) return `ext.Drained is ${String(s.ext.Drained)}, expected ${items} (one per work item)`;
      if (s.ext.Total !== sum) return `ext.Total is ${String(s.ext.Total)}, expected ${sum} (the sum of every value written)`;
      return true;
    },
  },
});
