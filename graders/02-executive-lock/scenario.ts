/**
 * 02-executive-lock: a bounded FIFO of 4 words shared by DispatchWrite and
 * DispatchRead on 4 CPUs.
 *
 * 1. A probe thread, alone: a read of the empty queue (STATUS_NO_MORE_ENTRIES),
 *    five writes (the fifth finds the queue full: STATUS_DEVICE_BUSY), four
 *    reads that must return the first four words in order, and one more read
 *    of the empty queue. Every path of both routines runs, deterministically.
 * 2. Two writer threads and two reader threads, one per CPU, at once.
 * 3. A drain thread, alone, reads until the queue is empty.
 *
 * Every word that was accepted must be read exactly once, and no read may
 * return a word that was never accepted.
 */
import {
  defineScenario,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  STATUS_DEVICE_BUSY,
  STATUS_NO_MORE_ENTRIES,
  STATUS_SUCCESS,
  type IrpResult,
} from 'spinlab/scenario';

const CAPACITY = 4;
/** Writes (and reads) per thread in phase 2. */
const REQUESTS = 4;
/** Reads the drain thread may send before giving up. */
const DRAIN_LIMIT = 2 * CAPACITY + 2;

const PROBE_WORDS = [101, 102, 103, 104, 105];
/** Phase 1, request by request: what each IRP must be completed with. */
const PROBE_EXPECTED: ReadonlyArray<{ major: number; status: number; information: number; word?: number }> = [
  { major: IRP_MJ_READ, status: STATUS_NO_MORE_ENTRIES, information: 0 },
  ...PROBE_WORDS.slice(0, CAPACITY).map((word) => ({ major: IRP_MJ_WRITE, status: STATUS_SUCCESS, information: 1, word })),
  { major: IRP_MJ_WRITE, status: STATUS_DEVICE_BUSY, information: 0, word: PROBE_WORDS[CAPACITY] },
  ...PROBE_WORDS.slice(0, CAPACITY).map((word) => ({ major: IRP_MJ_READ, status: STATUS_SUCCESS, information: 1, word })),
  { major: IRP_MJ_READ, status: STATUS_NO_MORE_ENTRIES, information: 0 },
];

const hex = (status: number): string => `0x${(status >>> 0).toString(16)}`;
const describe = (irp: IrpResult): string => `IRP #${irp.number} (${irp.major === IRP_MJ_READ ? 'read' : 'write'})`;

export default defineScenario({
  title: 'a bounded queue: one probe thread, then two writers and two readers on four CPUs, then a drain',
  cpus: 4,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;

    // 1. Every path, one request at a time.
    sim.thread('probe', 0, async (t) => {
      await t.read(device, 1);
      for (const word of PROBE_WORDS) await t.write(device, [word]);
      for (let n = 0; n <= CAPACITY; n++) await t.read(device, 1);
    });
    await sim.join();

    // 2. Writers on CPUs 0 and 2, readers on CPUs 1 and 3, all at once.
    for (let cpu = 0; cpu < 4; cpu++) {
      if (cpu % 2 === 0) {
        sim.thread(`writer${cpu}`, cpu, async (t) => {
          for (let n = 1; n <= REQUESTS; n++) await t.write(device, [1000 * (cpu + 1) + n]);
        });
      } else {
        sim.thread(`reader${cpu}`, cpu, async (t) => {
          for (let n = 0; n < REQUESTS; n++) await t.read(device, 1);
        });
      }
    }
    await sim.join();

    // 3. Whatever is left.
    sim.thread('drain', 1, async (t) => {
      for (let n = 0; n < DRAIN_LIMIT; n++) {
        const r = await t.read(device, 1);
        if (r.status !== STATUS_SUCCESS) return;
      }
    });
    await sim.join();
  },
  invariants: {
    'nothing-lost-or-duplicated': (s) => {
      const accepted = new Map<number, number>();
      for (const irp of s.irps) {
        if (irp.major === IRP_MJ_WRITE && irp.status === STATUS_SUCCESS) accepted.set(irp.buffer[0]!, (accepted.get(irp.buffer[0]!) ?? 0) + 1);
      }
      const delivered = new Map<number, number>();
      for (const irp of s.irps) {
        if (irp.major !== IRP_MJ_READ || irp.status !== STATUS_SUCCESS) continue;
        const word = irp.buffer[0]!;
        delivered.set(word, (delivered.get(word) ?? 0) + 1);
      }
      for (const [word, times] of delivered) {
        const sent = accepted.get(word) ?? 0;
        if (sent === 0) return `a read returned ${word}, which no accepted write carried`;
        if (times > sent) return `${word} was written once but read ${times} times`;
      }
      for (const [word] of accepted) {
        if (!delivered.has(word)) return `${word} was accepted by a write but never read back (lost)`;
      }
      return true;
    },
    'completion-status': (s) => {
      for (let i = 0; i < PROBE_EXPECTED.length; i++) {
        const irp = s.irps[i];
        const want = PROBE_EXPECTED[i]!;
        if (irp === undefined) return `the probe thread's request ${i + 1} was never sent`;
        if (irp.status !== want.status || irp.information !== want.information) {
          return `probe: ${describe(irp)} was completed with status ${hex(irp.status)}, Information ${irp.information}; expected ${hex(want.status)}, Information ${want.information}`;
        }
        if (want.major === IRP_MJ_READ && want.word !== undefined && irp.buffer[0] !== want.word) {
          return `probe: ${describe(irp)} returned ${String(irp.buffer[0])}; the queue is first in, first out, so expected ${want.word}`;
        }
      }
      for (const irp of s.irps) {
        const ok =
          (irp.status === STATUS_SUCCESS && irp.information === 1) ||
          (irp.major === IRP_MJ_WRITE && irp.status === STATUS_DEVICE_BUSY && irp.information === 0) ||
          (irp.major === IRP_MJ_READ && irp.status === STATUS_NO_MORE_ENTRIES && irp.information === 0);
        if (!ok) return `${describe(irp)} was completed with status ${hex(irp.status)}, Information ${irp.information}`;
      }
      return true;
    },
  },
});
