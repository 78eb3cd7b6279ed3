/**
 * 08-capstone: an input device on three CPUs.
 *
 * The device raises 6 to 10 interrupts on CPU 0, presenting consecutive
 * words from a drawn first one. reader0 (CPU 0) and reader1 (CPU 1) read,
 * and a writer (CPU 2) writes 1 to 3 loopback words, then reads. Each read
 * asks for 1 to 3 words, and together they ask for exactly the words
 * produced, so every read completes only if no word is lost. The counts, the
 * words and how the reads are shared out are drawn for every schedule.
 *
 * The interrupt line is on CPU 0 only, so ISRs run one after another in the
 * order the device raised them and "in order" is well defined: with two
 * CPUs, the ISR of a later interrupt can take the interrupt lock first.
 *
 * In half of the schedules (drawn), an edge phase follows: the thread
 * `edges` fills the first device's ring past its 16 words with loopback
 * writes (EDGES), while a second device raises 17 to 19 interrupts that
 * nobody reads, so its ISR overruns the ring.
 */
import {
  answerProblem,
  defineScenario,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  STATUS_DEVICE_BUSY,
  STATUS_SUCCESS,
  type Draw,
  type ExpectedAnswer,
  type FinalState,
  type IrpSpec,
} from 'spinlab/scenario';

const RING_SIZE = 16;
/** The words the edge phase loops back (none of them a device or workload word). */
const EDGE_WORDS = Array.from({ length: RING_SIZE + 1 }, (_, n) => 2001 + n);
/** The first word the overrun device presents (then one more each time). */
const OVERRUN_FIRST_WORD = 3001;

const write = (words: readonly number[]): IrpSpec => ({ major: IRP_MJ_WRITE, buffer: words });
const read = (length: number): IrpSpec => ({ major: IRP_MJ_READ, length, buffer: new Array<number>(length).fill(0) });

/**
 * The edge phase on the first device, one request after another, once the
 * workload has emptied its ring: a write larger than the ring, a write that
 * fills it exactly, a write into the full ring, a read that empties it, and
 * a read and a write of 0 words.
 */
const EDGES: ReadonlyArray<ExpectedAnswer & { readonly spec: IrpSpec }> = [
  { what: `a write of ${RING_SIZE + 1} words (more than the ring holds)`, spec: write(EDGE_WORDS), status: STATUS_DEVICE_BUSY, information: 0 },
  { what: `a write of ${RING_SIZE} words (exactly the ring)`, spec: write(EDGE_WORDS.slice(0, RING_SIZE)), status: STATUS_SUCCESS, information: RING_SIZE },
  { what: 'a write of 1 word into the full ring', spec: write(EDGE_WORDS.slice(RING_SIZE)), status: STATUS_DEVICE_BUSY, information: 0 },
  { what: `a read of ${RING_SIZE} words`, spec: read(RING_SIZE), status: STATUS_SUCCESS, information: RING_SIZE },
  { what: 'a read of 0 words', spec: read(0), status: STATUS_SUCCESS, information: 0 },
  { what: 'a write of 0 words', spec: write([]), status: STATUS_SUCCESS, information: 0 },
];

/** The scenario threads: two readers and the loopback writer (which reads too), on CPUs 0, 1 and 2. */
const THREADS = ['reader0', 'reader1', 'writer'] as const;

interface Workload {
  /** How many interrupts the device raises, and the word it presents for the first (then one more each time). */
  readonly interrupts: number;
  readonly firstWord: number;
  /** The words the writer loops back, in order (none of them a device word). */
  readonly loopback: readonly number[];
  /** Each thread's reads, in order: their lengths add up to every word produced. */
  readonly reads: Readonly<Record<(typeof THREADS)[number], readonly number[]>>;
  /** How many words past its ring the overrun device raises (1 to 3), or null when this schedule has no edge phase. */
  readonly overrun: number | null;
}

/** The lengths of reads that together ask for `total` words, each of 1 to 3. */
function splitReads(draw: Draw, total: number): number[] {
  const lengths: number[] = [];
  for (let left = total; left > 0; left -= lengths[lengths.length - 1]!) lengths.push(Math.min(left, draw.int(1, 3)));
  return lengths;
}

function checkDelivery(s: FinalState, w: Workload): true | string {
  const isDeviceWord = (word: number): boolean => word >= w.firstWord && word < w.firstWord + w.interrupts;
  for (const write of s.sentBy('writer').filter((irp) => irp.major === IRP_MJ_WRITE)) {
    if (write.status !== 0 || write.information !== w.loopback.length) {
      return `write IRP #${write.number} completed with status 0x${(write.status >>> 0).toString(16)} and Information ${write.information}, expected STATUS_SUCCESS and ${w.loopback.length}`;
    }
  }
  const seen = new Map<number, number>();
  for (const thread of THREADS) {
    let last = -Infinity;
    for (const [n, r] of s.sentBy(thread).filter((irp) => irp.major !== IRP_MJ_WRITE).entries()) {
      const length = w.reads[thread][n]!;
      if (!r.completed) return `read IRP #${r.number} was never completed`;
      if (r.status !== 0) return `read IRP #${r.number} completed with status 0x${(r.status >>> 0).toString(16)}, expected STATUS_SUCCESS`;
      if (r.information !== length) return `read IRP #${r.number} asked for ${length} words but completed with Information ${r.information}`;
      const words = r.buffer.slice(0, length);
      const device = words.filter(isDeviceWord);
      for (let i = 1; i < device.length; i++) {
        if (device[i] !== device[i - 1]! + 1) return `read IRP #${r.number} got the device words [${device.join(', ')}]: not consecutive, in order`;
      }
      const loop = words.filter((word) => w.loopback.includes(word)).map((word) => w.loopback.indexOf(word));
      if (loop.some((at, i) => i > 0 && at < loop[i - 1]!)) return `read IRP #${r.number} got the loopback words out of order: [${words.filter((word) => w.loopback.includes(word)).join(', ')}]`;
      if (device.length > 0 && device[0]! < last) return `${thread}: read IRP #${r.number} got device word ${device[0]} after an earlier read got ${last}`;
      if (device.length > 0) last = device[device.length - 1]!;
      for (const word of words) seen.set(word, (seen.get(word) ?? 0) + 1);
    }
  }
  const expected = [...Array.from({ length: w.interrupts }, (_, n) => w.firstWord + n), ...w.loopback];
  for (const word of expected) {
    const times = seen.get(word) ?? 0;
    if (times !== 1) return `word ${word} was delivered ${times} times, expected exactly once`;
  }
  for (const [word] of seen) if (!expected.includes(word)) return `word ${word} was delivered, but the device never produced it`;
  const ring = s.ext.Ring;
  if (ring !== null && typeof ring === 'object' && !Array.isArray(ring)) {
    if (ring.Overruns !== 0) return `Ring.Overruns is ${String(ring.Overruns)}: the ring never needs more than ${expected.length} slots, so no word may be dropped`;
    if (ring.Count !== 0) return `Ring.Count is ${String(ring.Count)} at the end, expected 0: every word was asked for`;
  }
  return true;
}

/** The edge phase's answers, the words its full read got, and the overrun device's ring: full, in order, the rest counted. */
function checkEdges(s: FinalState, overrun: number): true | string {
  const irps = s.sentBy('edges');
  const answers = answerProblem(irps, EDGES, 'edges');
  if (answers !== null) return answers;
  const got = irps[3]!.buffer.slice(0, RING_SIZE);
  if (got.some((word, i) => word !== EDGE_WORDS[i])) return `the read of ${RING_SIZE} words (IRP #${irps[3]!.number}, thread edges) got [${got.join(', ')}], expected the ${RING_SIZE} words written, in order`;
  const ring = s.extension(1).Ring;
  if (ring === null || typeof ring !== 'object' || Array.isArray(ring)) return 'the second device has no Ring';
  const raised = RING_SIZE + overrun;
  if (ring.Count !== RING_SIZE || ring.Overruns !== overrun) {
    return `the second device raised ${raised} interrupts and nobody read: its Ring.Count is ${String(ring.Count)} and Ring.Overruns ${String(ring.Overruns)}, expected ${RING_SIZE} (full) and ${overrun} (the words dropped)`;
  }
  const data = ring.Data;
  const head = Number(ring.Head);
  for (let i = 0; i < RING_SIZE; i++) {
    const word = Array.isArray(data) ? data[(head + i) % RING_SIZE] : undefined;
    if (word !== OVERRUN_FIRST_WORD + i) return `the second device's ring holds ${String(word)} at its ${i + 1}. word, expected ${OVERRUN_FIRST_WORD + i}: a full ring keeps the oldest words and drops the new ones`;
  }
  return true;
}

export default defineScenario({
  title: 'an input device: 6–10 interrupts, two readers, a loopback writer',
  cpus: 3,
  workload(draw): Workload {
    const interrupts = draw.int(6, 10);
    const firstWord = draw.int(1, 900);
    const loopback = draw.distinct(draw.int(1, 3), 1000, 1999);
    // Every thread reads at least once; the reads ask for exactly the words produced.
    const [first, second, third, ...rest] = splitReads(draw, interrupts + loopback.length);
    const reads = { reader0: [second!], reader1: [third!], writer: [first!] };
    for (const length of rest) reads[draw.pick(['reader0', 'reader1'] as const)].push(length);
    return { interrupts, firstWord, loopback, reads, overrun: draw.int(0, 1) === 1 ? draw.int(1, 3) : null };
  },
  async run(sim, w) {
    const device = await sim.start({ interrupt: { vector: 0x31, level: 5, count: w.interrupts, cpus: [0], data: (n) => w.firstWord + n } });
    if (device === null) return;
    sim.thread('reader0', 0, async (t) => {
      for (const length of w.reads.reader0) await t.read(device, length);
    });
    sim.thread('reader1', 1, async (t) => {
      for (const length of w.reads.reader1) await t.read(device, length);
    });
    sim.thread('writer', 2, async (t) => {
      await t.write(device, [...w.loopback]);
      for (const length of w.reads.writer) await t.read(device, length);
    });
    await sim.join();
    if (w.overrun === null) return;
    // After the workload, so that a driver's findings on the workload read as before.
    const overrun = await sim.start({ interrupt: { vector: 0x32, level: 5, count: RING_SIZE + w.overrun, cpus: [0], data: (n) => OVERRUN_FIRST_WORD + n } });
    if (overrun === null) return;
    sim.thread('edges', 2, async (t) => {
      for (const edge of EDGES) await t.send(device, edge.spec);
    });
    await sim.join();
  },
  invariants: {
    'words-delivered': (s, w) => checkDelivery(s, w),
    'edge-requests': (s, w) => (w.overrun === null ? null : checkEdges(s, w.overrun)),
  },
});
