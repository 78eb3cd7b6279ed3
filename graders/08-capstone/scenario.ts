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
 */
import { defineScenario, IRP_MJ_WRITE, type Draw, type FinalState } from 'spinlab/scenario';

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
    return { interrupts, firstWord, loopback, reads };
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
  },
  invariants: {
    'words-delivered': (s, w) => checkDelivery(s, w),
  },
});
