/**
 * 04-queued-locks: three writers on CPUs 0–2 update the statistics block and
 * queue the flush DPC; a reader on CPU 3 takes snapshots of it, and sends
 * one read whose buffer is too small. The DPC runs on the writers' CPUs —
 * on two of them at once when it is queued again while it runs — so
 * ext.StatsLock is taken at PASSIVE_LEVEL and at DISPATCH_LEVEL on every CPU.
 */
import { IRP_MJ_READ, STATUS_BUFFER_TOO_SMALL, STATUS_SUCCESS, defineScenario } from 'spinlab/scenario';

/** Writes per writer thread. */
const WRITES = 2;
/** Writer threads (CPUs 0 … WRITERS-1). */
const WRITERS = 3;
/** Full-size reads by the reader thread (CPU 3). */
const READS = 2;
/** Words in a statistics snapshot: Writes, Reads, BytesWritten, Pending, Flushed, Flushes. */
const SNAPSHOT = 6;

/** The data writer `w` sends in its write `n`: a different length for every write. */
function dataOf(w: number, n: number): number[] {
  return Array.from({ length: w * WRITES + n + 1 }, (_, i) => i + 1);
}

/** Bytes written in all (one "byte" per buffer element). */
const BYTES = Array.from({ length: WRITERS * WRITES }, (_, k) => k + 1).reduce((a, b) => a + b, 0);

export default defineScenario({
  title: `${WRITERS} writers update a statistics block and queue a flush DPC; a reader takes snapshots`,
  cpus: 4,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    for (let w = 0; w < WRITERS; w++) {
      sim.thread(`writer${w}`, w, async (t) => {
        for (let n = 0; n < WRITES; n++) await t.write(device, dataOf(w, n));
      });
    }
    sim.thread('reader', WRITERS, async (t) => {
      await t.read(device, SNAPSHOT);
      await t.read(device, 2);
      await t.read(device, SNAPSHOT);
    });
    await sim.join();
  },
  invariants: {
    'stats-exact': (s) => {
      const stats = s.ext.Stats as Record<string, unknown> | undefined;
      if (stats === undefined || stats === null) return 'ext.Stats is missing';
      const expect: Record<string, number> = {
        Writes: WRITERS * WRITES,
        Reads: READS,
        BytesWritten: BYTES,
        Pending: 0,
        Flushed: BYTES,
      };
      for (const [field, value] of Object.entries(expect)) {
        if (stats[field] !== value) return `ext.Stats.${field} is ${String(stats[field])}, expected ${value}`;
      }
      const flushes = Number(stats.Flushes);
      if (!(flushes >= 1 && flushes <= WRITERS * WRITES)) return `ext.Stats.Flushes is ${String(stats.Flushes)}, expected 1 to ${WRITERS * WRITES} (one per DPC run)`;
      return true;
    },
    'snapshots-consistent': (s) => {
      const reads = s.irps.filter((irp) => irp.major === IRP_MJ_READ);
      for (const irp of reads) {
        if (irp.buffer.length < SNAPSHOT) {
          if (irp.status !== STATUS_BUFFER_TOO_SMALL) return `a read with a ${irp.buffer.length}-word buffer completed with status 0x${(irp.status >>> 0).toString(16)}; it must fail with STATUS_BUFFER_TOO_SMALL`;
          continue;
        }
        if (irp.status !== STATUS_SUCCESS) return `a read with a ${SNAPSHOT}-word buffer failed with status 0x${(irp.status >>> 0).toString(16)}`;
        const [writes, , bytes, pending, flushed] = irp.buffer;
        if (pending! + flushed! !== bytes!) return `a snapshot has Pending ${pending} + Flushed ${flushed} ≠ BytesWritten ${bytes}: it was not taken in one acquisition`;
        if (writes! < 0 || writes! > WRITERS * WRITES) return `a snapshot has Writes ${writes}`;
      }
      return true;
    },
  },
});
