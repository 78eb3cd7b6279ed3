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
 * many reads the reader sends are drawn for every schedule. In half of the
 * schedules (drawn), an edge phase follows (EDGES).
 */
import { answerProblem, defineScenario, IRP_MJ_READ, IRP_MJ_WRITE, STATUS_BUFFER_TOO_SMALL, STATUS_INSUFFICIENT_RESOURCES, STATUS_SUCCESS, type ExpectedAnswer, type IrpSpec } from 'spinlab/scenario';

/**
 * The edge phase, sent by the thread `edges` once the workload is over, in
 * half of the schedules: every exploration drives these paths, and a driver
 * that hangs on one still reaches the end in the other half, where its work
 * is judged as before. Reads below the minimum of 3 words, a read of exactly
 * 3, and a write of no values.
 */
const EDGES: ReadonlyArray<ExpectedAnswer & { readonly spec: IrpSpec }> = [
  { what: 'a read of 2 words (below the minimum of 3)', spec: { major: IRP_MJ_READ, length: 2, buffer: [0, 0] }, status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'a read of 0 words', spec: { major: IRP_MJ_READ, length: 0, buffer: [] }, status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'a read of exactly 3 words', spec: { major: IRP_MJ_READ, length: 3, buffer: [0, 0, 0] }, status: STATUS_SUCCESS, information: 3 },
  { what: 'a write of 0 values', spec: { major: IRP_MJ_WRITE, length: 0, buffer: [] }, status: STATUS_SUCCESS, information: 0 },
];

/** A writer thread: its CPU, and the values of each of its writes. */
interface Writer {
  readonly cpu: number;
  readonly writes: ReadonlyArray<readonly number[]>;
}

interface Workload {
  readonly writers: readonly Writer[];
  /** The reader thread's CPU, and how many reads (of length 3) it sends. */
  readonly reader: { readonly cpu: number; readonly reads: number };
  /** Whether this schedule ends with the edge phase (EDGES). */
  readonly edges: boolean;
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
    return { writers, reader: { cpu: readerCpu!, reads: draw.int(1, 3) }, edges: draw.int(0, 1) === 1 };
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
    if (!w.edges) return;
    // After the workload, so that a driver's findings on the workload read as before.
    sim.thread('edges', w.reader.cpu, async (t) => {
      for (const edge of EDGES) await t.send(device, edge.spec);
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
    'edge-requests': (s, w) => {
      if (!w.edges) return null;
      const irps = s.sentBy('edges');
      const answers = answerProblem(irps, EDGES, 'edges');
      if (answers !== null) return answers;
      // After the workload's writes, but maybe before their last DPC: some moment's counters, each at most the final one.
      // The values queued: each write's first Information (all of them, unless an allocation was made to fail).
      const values = w.writers.flatMap((writer) => s.sentBy(`writer${writer.cpu}`).flatMap((irp, n) => (writer.writes[n] ?? []).slice(0, irp.information)));
      const [queued = -1, drained = -1, total = -1] = irps[2]!.buffer;
      const sum = values.reduce((a, b) => a + b, 0);
      if (!(queued === values.length && drained >= 0 && drained <= queued && total >= 0 && total <= sum)) {
        return `the read of exactly 3 words (IRP #${irps[2]!.number}, thread edges) returned Queued ${queued}, Drained ${drained}, Total ${total}: after ${values.length} values summing to ${sum} were queued, the counters never were that`;
      }
      return true;
    },
  },
});
