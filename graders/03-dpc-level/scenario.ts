/**
 * 03-dpc-level: two or three writers queue work items on CPUs of their own
 * and a DPC drains them; a reader on another CPU reads the counters while
 * that goes on.
 *
 * Every write carries two or three values, so each IRP_MJ_WRITE queues
 * several work items and one DPC: a DPC that takes only one item per run
 * leaves work behind. The DPC runs on the writers' CPUs, and — queued again
 * while it runs — on two CPUs at once, so the queue and the counters are
 * shared between PASSIVE_LEVEL threads and DISPATCH_LEVEL DPCs on several
 * CPUs. The CPUs, how many writes each writer sends, their values and how
 * many reads the reader sends are drawn for every schedule.
 */
import { defineScenario, STATUS_INSUFFICIENT_RESOURCES, STATUS_SUCCESS } from 'spinlab/scenario';

/** A writer thread: its CPU, and the values of each of its writes. */
interface Writer {
  readonly cpu: number;
  readonly writes: ReadonlyArray<readonly number[]>;
}

interface Workload {
  readonly writers: readonly Writer[];
  /** The reader thread's CPU, and how many reads (of length 3) it sends. */
  readonly reader: { readonly cpu: number; readonly reads: number };
}

export default defineScenario({
  title: '2–3 writers queue 2–3 work items per write for a DPC; a reader reads the counters',
  cpus: 4,
  workload(draw): Workload {
    const [readerCpu, ...cpus] = draw.shuffle([0, 1, 2, 3]);
    const shapes = cpus.slice(0, draw.int(2, 3)).map((cpu) => ({ cpu, lengths: Array.from({ length: draw.int(1, 3) }, () => draw.int(2, 3)) }));
    // Every value different, so a value counted twice or lost changes Total.
    const values = draw.distinct(shapes.reduce((n, w) => n + w.lengths.reduce((a, b) => a + b, 0), 0), 1, 999);
    let next = 0;
    const writers = shapes.map(({ cpu, lengths }) => ({ cpu, writes: lengths.map((length) => values.slice(next, (next += length))) }));
    return { writers, reader: { cpu: readerCpu!, reads: draw.int(1, 3) } };
  },
  async run(sim, w) {
    const device = await sim.start();
    if (device === null) return;
    for (const { cpu, writes } of w.writers) {
      sim.thread(`writer${cpu}`, cpu, async (t) => {
        for (const values of writes) await t.write(device, values);
      });
    }
    sim.thread('reader', w.reader.cpu, async (t) => {
      for (let n = 0; n < w.reader.reads; n++) await t.read(device, 3);
    });
    await sim.join();
  },
  invariants: {
    'all-work-counted': (s, w) => {
      // A write whose allocation failed (out of pool, in a fault run) queues only the values before it: Information says how many.
      const values: number[] = [];
      for (const writer of w.writers) {
        for (const [n, irp] of s.sentBy(`writer${writer.cpu}`).entries()) {
          const sent = writer.writes[n] ?? [];
          // Only where an allocation was made to fail (a fault run).
          const failed = s.injected > 0 && irp.status === STATUS_INSUFFICIENT_RESOURCES;
          if (irp.status !== STATUS_SUCCESS && !failed) return `write #${irp.number} completed with status 0x${(irp.status >>> 0).toString(16)}: expected STATUS_SUCCESS, or STATUS_INSUFFICIENT_RESOURCES when an allocation failed`;
          if (failed ? irp.information >= sent.length : irp.information !== sent.length) {
            return `write #${irp.number} of ${sent.length} values completed with status 0x${(irp.status >>> 0).toString(16)} and Information ${irp.information}: expected the number of values queued (all of them on success, fewer when an allocation failed)`;
          }
          values.push(...sent.slice(0, irp.information));
        }
      }
      const items = values.length;
      const sum = values.reduce((a, b) => a + b, 0);
      const left = s.list('ext.Queue', 'Entry').length;
      if (left !== 0) return `${left} work item(s) are still on ext.Queue after the last DPC ran`;
      if (s.ext.Queued !== items) return `ext.Queued is ${String(s.ext.Queued)}, expected ${items} (one per value queued in this schedule)`;
      if (s.ext.Drained !== items) return `ext.Drained is ${String(s.ext.Drained)}, expected ${items} (one per work item)`;
      if (s.ext.Total !== sum) return `ext.Total is ${String(s.ext.Total)}, expected ${sum} (the sum of every value queued in this schedule)`;
      return true;
    },
  },
});
