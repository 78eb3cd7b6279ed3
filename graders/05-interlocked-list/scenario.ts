/**
 * 05-interlocked-list: two or three writer threads each send one to three
 * writes of one to three words; a reader thread sends one to three reads at
 * the same time; each thread has a CPU of its own. Every word becomes one
 * work item on ext.WorkList; WorkDpc and DispatchRead's flush consume them.
 * In the end every item must have been processed exactly once and the list
 * must be empty. The CPUs, the writes, their words (all different) and the
 * reads are drawn for every schedule. Then, in half of the schedules (drawn),
 * an edge phase sends the README's boundary requests one after another (EDGES).
 */
import { answerProblem, defineScenario, IRP_MJ_READ, STATUS_BUFFER_TOO_SMALL, STATUS_INSUFFICIENT_RESOURCES, STATUS_SUCCESS, type Device, type FinalState, type IrpResult, type ThreadApi } from 'spinlab/scenario';

/** A writer thread: its CPU, and the words of each of its writes. */
interface Writer {
  readonly cpu: number;
  readonly writes: ReadonlyArray<readonly number[]>;
}

interface Workload {
  readonly writers: readonly Writer[];
  /** The reader thread's CPU, and the length of each of its reads (each long enough for the two statistics). */
  readonly reader: { readonly cpu: number; readonly lengths: readonly number[] };
  /** Whether this schedule ends with the edge phase (EDGES). */
  readonly edges: boolean;
}

/**
 * The edge phase, sent by the thread `edges` once the workload is over, in
 * half of the schedules: every exploration drives these paths, and a driver
 * that hangs on one still reaches the end in the other half, where its work
 * is judged as before. Reads below the
 * minimum of 2 words, a write of no words, and a read of exactly 2.
 */
const EDGES = [
  { what: 'a read of 1 word (below the minimum of 2)', read: 1, status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'a read of 0 words', read: 0, status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'a write of 0 words', write: 0, status: STATUS_SUCCESS, information: 0 },
  { what: 'a read of exactly 2 words', read: 2, status: STATUS_SUCCESS, information: 2 },
] as const;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const allWords = (w: Workload): number[] => w.writers.flatMap((writer) => writer.writes.flat());
/** The words the driver queued: all of each write's, or — for a write whose allocation failed (a fault run) — the first `Information`. */
const queuedWords = (s: FinalState, w: Workload): number[] =>
  w.writers.flatMap((writer) => s.sentBy(`writer${writer.cpu}`).flatMap((irp, n) => (writer.writes[n] ?? []).slice(0, s.injected > 0 && irp.status === STATUS_INSUFFICIENT_RESOURCES ? irp.information : undefined)));

const numberOr0 = (value: unknown): number => (typeof value === 'number' ? value : 0);

/**
 * Sends a read of `length` words, asserting `reads-current` on it when it is
 * long enough to be answered: it must report at least the Processed and
 * Total the device had when it was sent (both only grow, and the read
 * flushes the list first).
 */
async function currentRead(t: ThreadApi, device: Device, length: number): Promise<void> {
  let floor = { processed: 0, total: 0 };
  // Not a check: notes the statistics when the read is sent (an assertion's view of the state now).
  t.assert('reads-current', (now) => ((floor = { processed: numberOr0(now.ext.Processed), total: numberOr0(now.ext.Total) }), true));
  const irp = await t.read(device, length);
  if (length < 2 || !irp.completed || irp.status !== STATUS_SUCCESS || irp.information !== 2) return;
  const [processed = -1, total = -1] = irp.buffer;
  t.assert(
    'reads-current',
    processed >= floor.processed && total >= floor.total,
    `read IRP #${irp.number} reported Processed ${processed} and Total ${total}, but when it was sent the device already had Processed ${floor.processed} and Total ${floor.total}`,
  );
}

/** What is wrong with the edge phase's IRPs (null when each got the README's answer). */
function edgeProblem(irps: readonly IrpResult[], words: readonly number[]): string | null {
  const answers = answerProblem(irps, EDGES, 'edges');
  if (answers !== null) return answers;
  // The DPC may still be adding up the last items: the read reports some moment's statistics, not the final ones.
  const [processed = -1, total = -1] = irps[EDGES.length - 1]!.buffer;
  if (!(processed >= 0 && processed <= words.length && total >= 0 && total <= sum(words))) {
    return `the read of exactly 2 words (thread edges) reported Processed ${processed} and Total ${total}, which the statistics never were`;
  }
  return null;
}

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
    return { writers, reader: { cpu: readerCpu!, lengths: Array.from({ length: draw.int(1, 3) }, () => draw.int(2, 3)) }, edges: draw.int(0, 1) === 1 };
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
      for (const length of w.reader.lengths) await currentRead(t, device, length);
    });
    await sim.join();
    if (!w.edges) return;
    // After the workload, so that a driver's findings on the workload read as before.
    sim.thread('edges', w.reader.cpu, async (t) => {
      for (const edge of EDGES) await ('read' in edge ? currentRead(t, device, edge.read) : t.write(device, []));
    });
    await sim.join();
  },
  assertions: ['reads-current'],
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
      const edge = w.edges ? edgeProblem(s.sentBy('edges'), words) : null;
      if (edge !== null) return edge;
      for (const irp of s.irps) {
        if (!irp.completed) return `IRP #${irp.number} was never completed`;
        if (irp.major !== IRP_MJ_READ || irp.thread === 'edges') continue;
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
