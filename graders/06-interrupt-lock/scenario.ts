/**
 * 06-interrupt-lock: a device on vector 0x31 at DIRQL 5 raises four to
 * eight interrupts, each presenting the same data word, on any of the three
 * CPUs. Two writer threads submit requests in one to three writes of one to
 * three words each; a reader sends a too-short read and one to three full
 * reads, in a drawn order; each thread has a CPU of its own. In the end
 * every interrupt must have reached the DPC totals, and every request must
 * be either answered or still outstanding. The interrupt count, the data
 * word, the CPUs, the writes and the reads are drawn for every schedule.
 * In half of the schedules (drawn), an edge phase follows (EDGES). Each full
 * read must report at least what the device had counted when it was sent
 * (`reads-current`): a constant answer is not one the device gave.
 */
import { answerProblem, defineScenario, IRP_MJ_READ, IRP_MJ_WRITE, STATUS_BUFFER_TOO_SMALL, STATUS_SUCCESS, type ExpectedAnswer, type FinalState, type IrpResult, type IrpSpec } from 'spinlab/scenario';

/** Words a full read returns: Count, Sum, Answered. */
const REPORT = 3;

/**
 * The edge phase, sent by the thread `edges` once the workload is over, in
 * half of the schedules (the workload's own short read is in every one): a
 * read of 0 words, and a write of 0 words (no request: Outstanding unchanged).
 */
const EDGES: ReadonlyArray<ExpectedAnswer & { readonly spec: IrpSpec }> = [
  { what: 'a read of 0 words', spec: { major: IRP_MJ_READ, length: 0, buffer: [] }, status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'a write of 0 words', spec: { major: IRP_MJ_WRITE, length: 0, buffer: [] }, status: STATUS_SUCCESS, information: 0 },
];

interface Workload {
  readonly interrupts: number;
  // One word for every interrupt of a schedule: spinlab's device has a single data register, which the next
  // interrupt's delivery overwrites even while an earlier ISR still spins for the interrupt lock on another CPU.
  readonly word: number;
  /** The two writer threads: CPU, and the length of each write (each word one request). */
  readonly writers: ReadonlyArray<{ readonly cpu: number; readonly lengths: readonly number[] }>;
  /** The reader thread's CPU, and the length of each of its reads (exactly one is too short). */
  readonly reader: { readonly cpu: number; readonly lengths: readonly number[] };
  /** Whether this schedule ends with the edge phase (EDGES). */
  readonly edges: boolean;
}

/** What a full read reports at the least: the device's Count, Sum and Answered when the read was sent (each only grows). */
interface Floor {
  readonly count: number;
  readonly sum: number;
  readonly answered: number;
}

const numberOr0 = (value: unknown): number => (typeof value === 'number' ? value : 0);
const floorOf = (s: FinalState): Floor => ({ count: numberOr0(s.ext.Count), sum: numberOr0(s.ext.Sum), answered: numberOr0(s.ext.Answered) });

/** What is stale in a full read's answer against `floor` (null when it reports at least that, or was not answered in full: `requests-answered` judges those). */
function staleProblem(irp: IrpResult, floor: Floor): string | null {
  if (!irp.completed || irp.status !== STATUS_SUCCESS || irp.information !== REPORT) return null;
  const [count = -1, sum = -1, answered = -1] = irp.buffer;
  if (count >= floor.count && sum >= floor.sum && answered >= floor.answered) return null;
  return `read IRP #${irp.number} reported Count ${count}, Sum ${sum}, Answered ${answered}, but when it was sent the device already had Count ${floor.count}, Sum ${floor.sum}, Answered ${floor.answered}`;
}

const hex = (status: number): string => `0x${(status >>> 0).toString(16)}`;
const requestsOf = (w: Workload): number => w.writers.reduce((n, writer) => n + writer.lengths.reduce((a, b) => a + b, 0), 0);

export default defineScenario({
  title: '4–8 interrupts on any CPU while two writers submit requests and a reader polls',
  cpus: 3,
  workload(draw): Workload {
    const [a, b, readerCpu] = draw.shuffle([0, 1, 2]);
    const writers = [a!, b!].map((cpu) => ({ cpu, lengths: Array.from({ length: draw.int(1, 3) }, () => draw.int(1, 3)) }));
    const full = Array.from({ length: draw.int(1, 3) }, () => draw.int(REPORT, REPORT + 1));
    const at = draw.int(0, full.length);
    const lengths = [...full.slice(0, at), draw.int(1, REPORT - 1), ...full.slice(at)];
    return { interrupts: draw.int(4, 8), word: draw.int(1, 99), writers, reader: { cpu: readerCpu!, lengths }, edges: draw.int(0, 1) === 1 };
  },
  async run(sim, w) {
    const device = await sim.start({ interrupt: { vector: 0x31, level: 5, count: w.interrupts, data: () => w.word } });
    if (device === null) return;
    for (const { cpu, lengths } of w.writers) {
      sim.thread(`writer${cpu}`, cpu, async (t) => {
        for (const length of lengths) await t.write(device, new Array<number>(length).fill(1));
      });
    }
    sim.thread('reader', w.reader.cpu, async (t) => {
      for (const length of w.reader.lengths) {
        let floor: Floor = { count: 0, sum: 0, answered: 0 };
        // Not a check: notes what the device had when the read is sent (an assertion's view of the state now).
        t.assert('reads-current', (now) => ((floor = floorOf(now)), true));
        const irp = await t.read(device, length);
        if (length < REPORT) continue;
        const stale = staleProblem(irp, floor);
        t.assert('reads-current', stale === null, stale ?? undefined);
      }
    });
    await sim.join();
    if (!w.edges) return;
    // After the workload, so that a driver's findings on the workload read as before.
    sim.thread('edges', w.reader.cpu, async (t) => {
      for (const edge of EDGES) await t.send(device, edge.spec);
    });
    await sim.join();
  },
  assertions: ['reads-current'],
  invariants: {
    'every-interrupt-handled': (s, w) => {
      const sum = w.interrupts * w.word;
      return (
        (s.ext.Count === w.interrupts && s.ext.Sum === sum && s.ext.PendingCount === 0 && s.ext.PendingSum === 0) ||
        `Count ${String(s.ext.Count)}, Sum ${String(s.ext.Sum)}, PendingCount ${String(s.ext.PendingCount)}, PendingSum ${String(s.ext.PendingSum)}; expected every one of this schedule's ${w.interrupts} interrupts (data word ${w.word}, sum ${sum}) moved into Count and Sum, nothing left pending`
      );
    },
    'requests-accounted': (s, w) => {
      const outstanding = Number(s.ext.Outstanding);
      const answered = Number(s.ext.Answered);
      const requests = requestsOf(w);
      return (
        (outstanding >= 0 && answered >= 0 && answered <= w.interrupts && outstanding + answered === requests) ||
        `Outstanding ${String(s.ext.Outstanding)} + Answered ${String(s.ext.Answered)} should be the ${requests} requests written in this schedule, with at most one answer per interrupt (${w.interrupts})`
      );
    },
    'requests-answered': (s, w) => {
      const most = { count: w.interrupts, sum: w.interrupts * w.word, answered: Math.min(w.interrupts, requestsOf(w)) };
      for (const { cpu, lengths } of w.writers) {
        for (const [n, irp] of s.sentBy(`writer${cpu}`).entries()) {
          if (irp.completed && (irp.status !== STATUS_SUCCESS || irp.information !== lengths[n])) {
            return `write IRP #${irp.number} completed with status ${hex(irp.status)} and Information ${irp.information}; expected STATUS_SUCCESS and ${String(lengths[n])}`;
          }
        }
      }
      for (const irp of s.irps) if (!irp.completed) return `IRP #${irp.number} was never completed`;
      const edge = w.edges ? answerProblem(s.sentBy('edges'), EDGES, 'edges') : null;
      if (edge !== null) return edge;
      for (const [n, irp] of s.sentBy('reader').entries()) {
        const length = w.reader.lengths[n]!;
        if (length < REPORT) {
          if (irp.status !== STATUS_BUFFER_TOO_SMALL || irp.information !== 0) {
            return `the ${length}-word read IRP #${irp.number} completed with status ${hex(irp.status)} and Information ${irp.information}; expected STATUS_BUFFER_TOO_SMALL and 0`;
          }
          continue;
        }
        const [count = -1, sum = -1, answered = -1] = irp.buffer;
        if (irp.status !== STATUS_SUCCESS || irp.information !== REPORT) {
          return `read IRP #${irp.number} completed with status ${hex(irp.status)} and Information ${irp.information}; expected STATUS_SUCCESS and ${REPORT}`;
        }
        if (!(count >= 0 && count <= most.count && sum >= 0 && sum <= most.sum && answered >= 0 && answered <= most.answered)) {
          return `read IRP #${irp.number} reported Count ${count}, Sum ${sum}, Answered ${answered}, which the device never had`;
        }
      }
      return true;
    },
  },
});
