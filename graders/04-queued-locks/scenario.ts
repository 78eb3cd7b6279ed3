/**
 * 04-queued-locks: two or three writers update the statistics block and
 * queue the flush DPC; a reader takes snapshots of it, and sends one read
 * whose buffer is too small; each thread has a CPU of its own. The DPC runs
 * on the writers' CPUs — on two of them at once when it is queued again
 * while it runs — so ext.StatsLock is taken at PASSIVE_LEVEL and at
 * DISPATCH_LEVEL on several CPUs. The CPUs, the writes and their lengths,
 * and the reads (how many, how long, where the short one falls) are drawn
 * for every schedule.
 */
import { STATUS_BUFFER_TOO_SMALL, STATUS_SUCCESS, defineScenario } from 'spinlab/scenario';

/** Words in a statistics snapshot: Writes, Reads, BytesWritten, Pending, Flushed, Flushes. */
const SNAPSHOT = 6;

/** A writer thread: its CPU, and the length of each of its writes. */
interface Writer {
  readonly cpu: number;
  readonly lengths: readonly number[];
}

interface Workload {
  readonly writers: readonly Writer[];
  /** The reader thread's CPU, and the length of each of its reads, in order (exactly one is shorter than a snapshot). */
  readonly reader: { readonly cpu: number; readonly lengths: readonly number[] };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export default defineScenario({
  title: '2–3 writers update a statistics block and queue a flush DPC; a reader takes snapshots',
  cpus: 4,
  workload(draw): Workload {
    const [readerCpu, ...cpus] = draw.shuffle([0, 1, 2, 3]);
    const writers = cpus.slice(0, draw.int(2, 3)).map((cpu) => ({ cpu, lengths: Array.from({ length: draw.int(1, 3) }, () => draw.int(1, 8)) }));
    const full = Array.from({ length: draw.int(1, 3) }, () => draw.int(SNAPSHOT, SNAPSHOT + 2));
    const short = draw.int(1, SNAPSHOT - 1);
    const at = draw.int(0, full.length);
    return { writers, reader: { cpu: readerCpu!, lengths: [...full.slice(0, at), short, ...full.slice(at)] } };
  },
  async run(sim, w) {
    const device = await sim.start();
    if (device === null) return;
    for (const { cpu, lengths } of w.writers) {
      sim.thread(`writer${cpu}`, cpu, async (t) => {
        for (const length of lengths) await t.write(device, Array.from({ length }, (_, i) => i + 1));
      });
    }
    sim.thread('reader', w.reader.cpu, async (t) => {
      for (const length of w.reader.lengths) await t.read(device, length);
    });
    await sim.join();
  },
  invariants: {
    'stats-exact': (s, w) => {
      const stats = s.ext.Stats as Record<string, unknown> | undefined;
      if (stats === undefined || stats === null) return 'ext.Stats is missing';
      const writes = sum(w.writers.map((writer) => writer.lengths.length));
      const bytes = sum(w.writers.map((writer) => sum(writer.lengths)));
      const expect: Record<string, number> = {
        Writes: writes,
        Reads: w.reader.lengths.filter((length) => length >= SNAPSHOT).length,
        BytesWritten: bytes,
        Pending: 0,
        Flushed: bytes,
      };
      for (const [field, value] of Object.entries(expect)) {
        if (stats[field] !== value) return `ext.Stats.${field} is ${String(stats[field])}, expected ${value} (this schedule sent ${writes} writes of ${bytes} elements in all)`;
      }
      const flushes = Number(stats.Flushes);
      if (!(flushes >= 1 && flushes <= writes)) return `ext.Stats.Flushes is ${String(stats.Flushes)}, expected 1 to ${writes} (one per DPC run)`;
      return true;
    },
    'snapshots-consistent': (s, w) => {
      const writes = sum(w.writers.map((writer) => writer.lengths.length));
      for (const [n, irp] of s.sentBy('reader').entries()) {
        const length = w.reader.lengths[n]!;
        if (length < SNAPSHOT) {
          if (irp.status !== STATUS_BUFFER_TOO_SMALL) return `a read with a ${length}-word buffer completed with status 0x${(irp.status >>> 0).toString(16)}; it must fail with STATUS_BUFFER_TOO_SMALL`;
          continue;
        }
        if (irp.status !== STATUS_SUCCESS) return `a read with a ${length}-word buffer failed with status 0x${(irp.status >>> 0).toString(16)}`;
        const [count, , bytes, pending, flushed] = irp.buffer;
        // Either side can tear it (a read in two acquisitions, or an update of the three fields in two): say what was seen, not who.
        if (pending! + flushed! !== bytes!) {
          return `the snapshot read by IRP #${irp.number} has Pending ${pending} + Flushed ${flushed} ≠ BytesWritten ${bytes}, a state the statistics must never be seen in: each snapshot must be taken, and each update of the three fields made, in one acquisition`;
        }
        if (count! < 0 || count! > writes) return `a snapshot has Writes ${count}, but this schedule sent ${writes} writes`;
      }
      return true;
    },
  },
});
