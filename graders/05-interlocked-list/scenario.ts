/**
 * 05-interlocked-list: two or three writer threads each send one to three
 * writes of one to three words; a reader thread sends one to three reads at
 * the same time; each thread has a CPU of its own. Every word becomes one
 * work item on ext.WorkList; WorkDpc and DispatchRead's flush consume them.
 * In the end every item must have been processed exactly once and the list
 * must be empty. The CPUs, the writes, their words (all different) and the
 * reads are drawn for every schedule.
 */
import { defineScenario, IRP_MJ_READ, STATUS_INSUFFICIENT_RESOURCES, STATUS_SUCCESS, type FinalState } from 'spinlab/scenario';

/** A writer thread: its CPU, and the words of each of its writes. */
interface Writer {
  readonly cpu: number;
  readonly writes: ReadonlyArray<readonly number[]>;
}

interface Workload {
  readonly writers: readonly Writer[];
  /** The reader thread's CPU, and the length of each of its reads (each long enough for the two statistics). */
  readonly reader: { readonly cpu: number; readonly lengths: readonly number[] };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const allWords = (w: Workload): number[] => w.writers.flatMap((writer) => writer.writes.flat());
/** The words the driver queued: all of each write's, or — for a write whose allocation failed (a fault run) — the first `Information`. */
const queuedWords = (s: FinalState, w: Workload): number[] =>
  w.writers.flatMap((writer) => s.sentBy(`writer${writer.cpu}`).flatMap((irp, n) => (writer.writes[n] ?? []).slice(0, s.injected > 0 && irp.status === STATUS_INSUFFICIENT_RESOURCES ? irp.information : undefined)));

export default defineScenario({
  title: '2–3 writers queue 1–3 work items per write while a reader flushes and reads the totals',
  cpus: 4,
  workload(draw): Workload {
    const [readerCpu, ...cpus] = draw.shuffle([0, 1, 2, 3]);
    const shapes = cpus.slice(0, draw.int(2, 3)).map((cpu) => ({ cpu, lengths: Array.from({ length: draw.int(1, 3) }, () => draw.int(1, 3)) }));
    // Every word different, so a lost or doubled item changes the sum.
    const words = draw.distinct(sum(shapes.map((shape) => sum(shape.lengths))), 1, 999);
    let next = 0;
    const writers = shapes.map(({ cpu, lengths }) => ({ cpu, writes: lengths.map((length) => words.slice(next, (next += length))) }));
    return { writers, reader: { cpu: readerCpu!, lengths: Array.from({ length: draw.int(1, 3) }, () => draw.int(2, 3)) } };
  },
  async run(sim, w) {
    const device = await sim.start();
    if (device === null) return;
    for (const { cpu, writes } of w.writers) {
      sim.thread(`writer${cpu}`, cpu, async (t) => {
        for (const data of writes) await t.write(device, data);
      });
    }
    sim.thread('reader', w.reader.cpu, async (t) => {
      for (const length of w.reader.lengths) await t.read(device, length);
    });
    await sim.join();
  },
  invariants: {
    'every-item-processed-once': (s, w) => {
      const words = queuedWords(s, w);
      return (
        (s.ext.Processed === words.length && s.ext.Total === sum(words)) ||
        `Processed is ${String(s.ext.Processed)} and Total is ${String(s.ext.Total)}; this schedule queued ${words.length} words summing to ${sum(words)} (an item was lost or processed twice)`
      );
    },
    'work-list-empty': (s) => {
      const head = s.ext.WorkList;
      // A SINGLE_LIST_ENTRY head (ExInterlockedPushEntryList) is empty when its Next is null.
      const left = typeof head === 'object' && head !== null && 'Next' in head ? (head.Next === null ? 0 : 1) : s.list('ext.WorkList', 'Entry').length;
      return left === 0 || `work items are still on ext.WorkList after every request and DPC finished`;
    },
    'requests-answered': (s, w) => {
      const words = allWords(w);
      const status = (irp: { status: number }): string => `0x${(irp.status >>> 0).toString(16)}`;
      for (const writer of w.writers) {
        for (const [n, irp] of s.sentBy(`writer${writer.cpu}`).entries()) {
          const length = writer.writes[n]?.length ?? 0;
          // Out of pool (a fault run): STATUS_INSUFFICIENT_RESOURCES with the words queued before the failure.
          const outOfPool = s.injected > 0 && irp.status === STATUS_INSUFFICIENT_RESOURCES && irp.information < length;
          if (irp.completed && !outOfPool && (irp.status !== STATUS_SUCCESS || irp.information !== length)) {
            return `write IRP #${irp.number} completed with status ${status(irp)} and Information ${irp.information}; expected STATUS_SUCCESS and ${String(length)} (the words queued), or STATUS_INSUFFICIENT_RESOURCES and fewer when an allocation failed`;
          }
        }
      }
      for (const irp of s.irps) {
        if (!irp.completed) return `IRP #${irp.number} was never completed`;
        if (irp.major !== IRP_MJ_READ) continue;
        if (irp.status !== STATUS_SUCCESS || irp.information !== 2) {
          return `read IRP #${irp.number} completed with status ${status(irp)} and Information ${irp.information}; expected STATUS_SUCCESS and 2`;
        }
        const [processed = -1, total = -1] = irp.buffer;
        if (!(processed >= 0 && processed <= words.length && total >= 0 && total <= sum(words))) {
          return `read IRP #${irp.number} reported Processed ${processed} and Total ${total}, which the statistics never were`;
        }
      }
      return true;
    },
  },
});
