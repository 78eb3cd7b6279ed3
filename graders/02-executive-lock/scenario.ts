/**
 * 02-executive-lock: a bounded FIFO of 4 words shared by DispatchWrite and
 * DispatchRead on 4 CPUs.
 *
 * 1. A probe thread, alone: a read of the empty queue (STATUS_NO_MORE_ENTRIES),
 *    five writes (the fifth finds the queue full: STATUS_DEVICE_BUSY), four
 *    reads that must return the first four words in order, and one more read
 *    of the empty queue. Every path of both routines runs, deterministically.
 * 2. Two writer threads and one or two reader threads, each on a CPU of its
 *    own, at once, each sending 3 to 5 requests.
 * 3. A drain thread, alone, reads until the queue is empty.
 *
 * Every word written is different, and drawn for each schedule, as are the
 * threads' CPUs and how many requests each sends. Every word that was
 * accepted must be read exactly once, no read may return a word that was
 * never accepted, and the probe's four writes into the empty queue must be
 * accepted (else a driver that accepts nothing would lose nothing).
 */
import {
  defineScenario,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  STATUS_DEVICE_BUSY,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_NO_MORE_ENTRIES,
  STATUS_SUCCESS,
  type FinalState,
  type IrpResult,
} from 'spinlab/scenario';

const CAPACITY = 4;
/** Reads the drain thread may send before giving up (more than the queue can hold). */
const DRAIN_LIMIT = 2 * CAPACITY + 2;

/** A phase-2 thread: where it runs, and the word of each write (a writer) or how many reads it sends (a reader). */
type Client = { readonly name: string; readonly cpu: number } & ({ readonly words: readonly number[] } | { readonly reads: number });

interface Workload {
  /** The probe's five words: four fill the queue, the fifth finds it full. */
  readonly probe: readonly number[];
  readonly clients: readonly Client[];
}

const hex = (status: number): string => `0x${(status >>> 0).toString(16)}`;
const describe = (irp: IrpResult): string => `IRP #${irp.number} (${irp.major === IRP_MJ_READ ? 'read' : 'write'})`;

/** Each write IRP with the word the workload gave it (a thread's n-th write carries that thread's n-th word). */
function writesOf(s: FinalState, w: Workload): Array<{ irp: IrpResult; word: number }> {
  const writers: Array<[string, readonly number[]]> = [['probe', w.probe]];
  for (const client of w.clients) if ('words' in client) writers.push([client.name, client.words]);
  return writers.flatMap(([name, words]) =>
    s
      .sentBy(name)
      .filter((irp) => irp.major === IRP_MJ_WRITE)
      .map((irp, n) => ({ irp, word: words[n]! })),
  );
}

/** A write the driver failed because its allocation was made to fail (only in a fault run): STATUS_INSUFFICIENT_RESOURCES, nothing queued. */
function outOfPool(s: FinalState, irp: IrpResult): boolean {
  return s.injected > 0 && irp.major === IRP_MJ_WRITE && irp.status === STATUS_INSUFFICIENT_RESOURCES && irp.information === 0;
}

/** Phase 1, request by request: what each of the probe's IRPs must be completed with. */
function probeExpected(probe: readonly number[]): Array<{ major: number; status: number; information: number; word?: number }> {
  return [
    { major: IRP_MJ_READ, status: STATUS_NO_MORE_ENTRIES, information: 0 },
    ...probe.slice(0, CAPACITY).map((word) => ({ major: IRP_MJ_WRITE, status: STATUS_SUCCESS, information: 1, word })),
    { major: IRP_MJ_WRITE, status: STATUS_DEVICE_BUSY, information: 0, word: probe[CAPACITY]! },
    ...probe.slice(0, CAPACITY).map((word) => ({ major: IRP_MJ_READ, status: STATUS_SUCCESS, information: 1, word })),
    { major: IRP_MJ_READ, status: STATUS_NO_MORE_ENTRIES, information: 0 },
  ];
}

export default defineScenario({
  title: 'a bounded queue: one probe thread, then two writers and one or two readers on their own CPUs, then a drain',
  cpus: 4,
  workload(draw): Workload {
    const [a, b, ...readers] = draw.shuffle([0, 1, 2, 3]).slice(0, 2 + draw.int(1, 2));
    const counts = [a, b].map(() => draw.int(3, 5));
    const words = draw.distinct(CAPACITY + 1 + counts[0]! + counts[1]!, 1, 9999);
    const writer = (cpu: number, n: number, from: number): Client => ({ name: `writer${cpu}`, cpu, words: words.slice(from, from + counts[n]!) });
    return {
      probe: words.slice(0, CAPACITY + 1),
      clients: [
        writer(a!, 0, CAPACITY + 1),
        writer(b!, 1, CAPACITY + 1 + counts[0]!),
        ...readers.map((cpu) => ({ name: `reader${cpu}`, cpu, reads: draw.int(3, 5) })),
      ],
    };
  },
  async run(sim, w) {
    const device = await sim.start();
    if (device === null) return;

    // 1. Every path, one request at a time.
    sim.thread('probe', 0, async (t) => {
      await t.read(device, 1);
      for (const word of w.probe) await t.write(device, [word]);
      for (let n = 0; n <= CAPACITY; n++) await t.read(device, 1);
    });
    await sim.join();

    // 2. The writers and readers, all at once.
    for (const client of w.clients) {
      sim.thread(client.name, client.cpu, async (t) => {
        if ('words' in client) for (const word of client.words) await t.write(device, [word]);
        else for (let n = 0; n < client.reads; n++) await t.read(device, 1);
      });
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
    'nothing-lost-or-duplicated': (s, w) => {
      // The probe's first four writes find room: turning one away loses its word (and a driver that accepts nothing would otherwise lose nothing).
      const probeWrites = s.sentBy('probe').filter((irp) => irp.major === IRP_MJ_WRITE);
      for (const [n, irp] of probeWrites.slice(0, CAPACITY).entries()) {
        if (!irp.completed || (irp.status !== STATUS_SUCCESS && !outOfPool(s, irp))) {
          return `probe: the write of ${w.probe[n]!} found room in the queue but was ${irp.completed ? `completed with status ${hex(irp.status)}` : 'never completed'}, so the word was lost`;
        }
      }
      const accepted = new Set(writesOf(s, w).filter(({ irp }) => irp.status === STATUS_SUCCESS).map(({ word }) => word));
      const delivered = new Map<number, number>();
      for (const irp of s.irps) {
        if (irp.major !== IRP_MJ_READ || irp.status !== STATUS_SUCCESS) continue;
        const word = irp.buffer[0]!;
        delivered.set(word, (delivered.get(word) ?? 0) + 1);
      }
      for (const [word, times] of delivered) {
        if (!accepted.has(word)) return `a read returned ${word}, which no accepted write carried`;
        if (times > 1) return `${word} was written once but read ${times} times`;
      }
      for (const word of accepted) {
        if (!delivered.has(word)) return `${word} was accepted by a write but never read back (lost)`;
      }
      return true;
    },
    'completion-status': (s, w) => {
      const probe = s.sentBy('probe');
      // A write failed for want of pool (a fault run) shifts the probe's script: only each request's own status is judged then.
      const script = s.irps.some((irp) => outOfPool(s, irp)) ? [] : probeExpected(w.probe);
      for (const [i, want] of script.entries()) {
        const irp = probe[i];
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
          (irp.major === IRP_MJ_READ && irp.status === STATUS_NO_MORE_ENTRIES && irp.information === 0) ||
          outOfPool(s, irp);
        if (!ok) return `${describe(irp)} was completed with status ${hex(irp.status)}, Information ${irp.information}`;
      }
      return true;
    },
  },
});
