/**
 * 08-capstone: an input device on three CPUs.
 *
 * The device raises 8 interrupts on CPU 0, presenting the words 1…8.
 * reader0 (CPU 0) reads 2 words three times, reader1 (CPU 1) reads 3 words,
 * and a writer (CPU 2) writes the loopback words [101, 102], then reads 1
 * word. The reads ask for exactly the 10 words produced, so every read
 * completes only if no word is lost.
 *
 * The interrupt line is on CPU 0 only, so ISRs run one after another in the
 * order the device raised them and "in order" is well defined: with two
 * CPUs, the ISR of a later interrupt can take the interrupt lock first.
 */
import { defineScenario, IRP_MJ_READ, IRP_MJ_WRITE, type IrpResult, type Snapshot } from 'spinlab/scenario';

const INTERRUPTS = 8;
/** The device's data word for interrupt n. */
const deviceWord = (n: number): number => n + 1;
const LOOPBACK = [101, 102] as const;
/** Each thread reads with its own length, so the reads of one length are one thread's, in IRP order. */
const READERS: Record<number, string> = { 2: 'reader0', 3: 'reader1', 1: 'writer' };

const isDeviceWord = (w: number): boolean => w >= 1 && w <= INTERRUPTS;

function checkDelivery(irps: readonly IrpResult[], ring: Snapshot | undefined): true | string {
  for (const w of irps.filter((i) => i.major === IRP_MJ_WRITE)) {
    if (w.status !== 0 || w.information !== LOOPBACK.length) {
      return `write IRP #${w.number} completed with status 0x${(w.status >>> 0).toString(16)} and Information ${w.information}, expected STATUS_SUCCESS and ${LOOPBACK.length}`;
    }
  }
  const reads = irps.filter((i) => i.major === IRP_MJ_READ);
  const seen = new Map<number, number>();
  for (const r of reads) {
    if (!r.completed) return `read IRP #${r.number} was never completed`;
    if (r.status !== 0) return `read IRP #${r.number} completed with status 0x${(r.status >>> 0).toString(16)}, expected STATUS_SUCCESS`;
    if (r.information !== r.buffer.length) return `read IRP #${r.number} asked for ${r.buffer.length} words but completed with Information ${r.information}`;
    const device = r.buffer.filter(isDeviceWord);
    for (let i = 1; i < device.length; i++) {
      if (device[i] !== device[i - 1]! + 1) return `read IRP #${r.number} got the device words [${device.join(', ')}]: not consecutive, in order`;
    }
    const loop = r.buffer.filter((w) => LOOPBACK.includes(w as 101 | 102));
    if (loop.length === 2 && loop[0] !== LOOPBACK[0]) return `read IRP #${r.number} got the loopback words out of order: [${loop.join(', ')}]`;
    for (const w of r.buffer) seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  const expected = [...Array.from({ length: INTERRUPTS }, (_, n) => deviceWord(n)), ...LOOPBACK];
  for (const w of expected) {
    const times = seen.get(w) ?? 0;
    if (times !== 1) return `word ${w} was delivered ${times} times, expected exactly once`;
  }
  for (const [w] of seen) if (!expected.includes(w)) return `word ${w} was delivered, but the device never produced it`;
  if (ring !== null && typeof ring === 'object' && !Array.isArray(ring)) {
    if (ring.Overruns !== 0) return `Ring.Overruns is ${String(ring.Overruns)}: the ring never needs more than 10 slots, so no word may be dropped`;
    if (ring.Count !== 0) return `Ring.Count is ${String(ring.Count)} at the end, expected 0: every word was asked for`;
  }
  for (const [length, who] of Object.entries(READERS)) {
    let last = 0;
    for (const r of reads.filter((i) => i.buffer.length === Number(length))) {
      const device = r.buffer.filter(isDeviceWord);
      if (device.length === 0) continue;
      if (device[0]! < last) return `${who}: read IRP #${r.number} got device word ${device[0]} after an earlier read got ${last}`;
      last = device[device.length - 1]!;
    }
  }
  return true;
}

export default defineScenario({
  title: 'an input device: 8 interrupts, two readers, a loopback writer',
  cpus: 3,
  async run(sim) {
    const device = await sim.start({ interrupt: { vector: 0x31, level: 5, count: INTERRUPTS, cpus: [0], data: deviceWord } });
    if (device === null) return;
    sim.thread('reader0', 0, async (t) => {
      for (let i = 0; i < 3; i++) await t.read(device, 2);
    });
    sim.thread('reader1', 1, async (t) => void (await t.read(device, 3)));
    sim.thread('writer', 2, async (t) => {
      await t.write(device, [...LOOPBACK]);
      await t.read(device, 1);
    });
    await sim.join();
  },
  invariants: {
    'words-delivered': (s) => checkDelivery(s.irps, s.ext.Ring),
  },
});
