/**
 * 05-interlocked-list: three writer threads (CPUs 0–2) each send two writes
 * of two words; a reader thread (CPU 3) sends two reads of two words at the
 * same time. Every word becomes one work item on ext.WorkList; WorkDpc and
 * DispatchRead's flush consume them. In the end every item must have been
 * processed exactly once and the list must be empty.
 */
import { defineScenario, IRP_MJ_READ, IRP_MJ_WRITE, STATUS_SUCCESS } from 'spinlab/scenario';

const WRITERS = 3;
const WRITES = 2;
const WORDS = 2;
const READS = 2;

/** The word `k` of write `n` of writer `w`: distinct, so a lost or doubled item changes the sum. */
function word(w: number, n: number, k: number): number {
  return w * 100 + n * 10 + k + 1;
}

const ITEMS = WRITERS * WRITES * WORDS;
let SUM = 0;
for (let w = 0; w < WRITERS; w++) for (let n = 0; n < WRITES; n++) for (let k = 0; k < WORDS; k++) SUM += word(w, n, k);

export default defineScenario({
  title: `${WRITERS} writers queue ${ITEMS} work items while a reader flushes and reads the totals`,
  cpus: 4,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    for (let w = 0; w < WRITERS; w++) {
      sim.thread(`writer${w}`, w, async (t) => {
        for (let n = 0; n < WRITES; n++) {
          const data: number[] = [];
          for (let k = 0; k < WORDS; k++) data.push(word(w, n, k));
          await t.write(device, data);
        }
      });
    }
    sim.thread('reader', WRITERS, async (t) => {
      for (let n = 0; n < READS; n++) await t.read(device, 2);
    });
    await sim.join();
  },
  invariants: {
    'every-item-processed-once': (s) =>
      (s.ext.Processed === ITEMS && s.ext.Total === SUM) ||
      `Processed is ${String(s.ext.Processed)} and Total is ${String(s.ext.Total)}; expected ${ITEMS} items summing to ${SUM} (an item was lost or processed twice)`,
    'work-list-empty': (s) => {
      const head = s.ext.WorkList;
      // A SINGLE_LIST_ENTRY head (ExInterlockedPushEntryList) is empty when its Next is null.
      const left = typeof head === 'object' && head !== null && 'Next' in head ? (head.Next === null ? 0 : 1) : s.list('ext.WorkList', 'Entry').length;
      return left === 0 || `work items are still on ext.WorkList after every request and DPC finished`;
    },
    'requests-answered': (s) => {
      for (const irp of s.irps) {
        if (!irp.completed) return `IRP #${irp.number} was never completed`;
        const status = `0x${(irp.status >>> 0).toString(16)}`;
        if (irp.major === IRP_MJ_WRITE && (irp.status !== STATUS_SUCCESS || irp.information !== WORDS)) {
          return `write IRP #${irp.number} completed with status ${status} and Information ${irp.information}; expected STATUS_SUCCESS and ${WORDS} (the words queued)`;
        }
        if (irp.major !== IRP_MJ_READ) continue;
        if (irp.status !== STATUS_SUCCESS || irp.information !== 2) {
          return `read IRP #${irp.number} completed with status ${status} and Information ${irp.information}; expected STATUS_SUCCESS and 2`;
        }
        const [processed = -1, total = -1] = irp.buffer;
        if (!(processed >= 0 && processed <= ITEMS && total >= 0 && total <= SUM)) {
          return `read IRP #${irp.number} reported Processed ${processed} and Total ${total}, which the statistics never were`;
        }
      }
      return true;
    },
  },
});
