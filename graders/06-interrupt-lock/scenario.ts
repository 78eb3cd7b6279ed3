/**
 * 06-interrupt-lock: a device on vector 0x31 at DIRQL 5 raises six
 * interrupts, each presenting the data word 7, on any of the three CPUs.
 * Two writer threads (CPUs 0 and 1) submit eight requests in four writes; a
 * reader (CPU 2) sends a too-short read, then two full reads. In the end
 * every interrupt must have reached the DPC totals, and every request must
 * be either answered or still outstanding.
 */
import { defineScenario, IRP_MJ_READ, IRP_MJ_WRITE, STATUS_BUFFER_TOO_SMALL, STATUS_SUCCESS } from 'spinlab/scenario';

const INTERRUPTS = 6;
// One constant word: spinlab's device has a single data register, which the next interrupt's
// delivery overwrites even while an earlier ISR still spins for the interrupt lock on another CPU.
const WORD = 7;
const data = (): number => WORD;
const DATA_SUM = WORD * INTERRUPTS;
const WRITERS = 2;
const WRITES = 2;
const WORDS = 2;
const REQUESTS = WRITERS * WRITES * WORDS;

const hex = (status: number): string => `0x${(status >>> 0).toString(16)}`;

export default defineScenario({
  title: `${INTERRUPTS} interrupts on any CPU while two writers submit ${REQUESTS} requests and a reader polls`,
  cpus: 3,
  async run(sim) {
    const device = await sim.start({ interrupt: { vector: 0x31, level: 5, count: INTERRUPTS, data } });
    if (device === null) return;
    for (let w = 0; w < WRITERS; w++) {
      sim.thread(`writer${w}`, w, async (t) => {
        for (let n = 0; n < WRITES; n++) await t.write(device, new Array<number>(WORDS).fill(1));
      });
    }
    sim.thread('reader', 2, async (t) => {
      await t.read(device, 1);
      await t.read(device, 3);
      await t.read(device, 3);
    });
    await sim.join();
  },
  invariants: {
    'every-interrupt-handled': (s) =>
      (s.ext.Count === INTERRUPTS && s.ext.Sum === DATA_SUM && s.ext.PendingCount === 0 && s.ext.PendingSum === 0) ||
      `Count ${String(s.ext.Count)}, Sum ${String(s.ext.Sum)}, PendingCount ${String(s.ext.PendingCount)}, PendingSum ${String(s.ext.PendingSum)}; expected every one of the ${INTERRUPTS} interrupts (data sum ${DATA_SUM}) moved into Count and Sum, nothing left pending`,
    'requests-accounted': (s) => {
      const outstanding = Number(s.ext.Outstanding);
      const answered = Number(s.ext.Answered);
      return (
        (outstanding >= 0 && answered >= 0 && answered <= INTERRUPTS && outstanding + answered === REQUESTS) ||
        `Outstanding ${String(s.ext.Outstanding)} + Answered ${String(s.ext.Answered)} should be the ${REQUESTS} requests written, with at most one answer per interrupt`
      );
    },
    'requests-answered': (s) => {
      for (const irp of s.irps) {
        if (!irp.completed) return `IRP #${irp.number} was never completed`;
        if (irp.major === IRP_MJ_WRITE && (irp.status !== STATUS_SUCCESS || irp.information !== WORDS)) {
          return `write IRP #${irp.number} completed with status ${hex(irp.status)} and Information ${irp.information}; expected STATUS_SUCCESS and ${WORDS}`;
        }
        if (irp.major !== IRP_MJ_READ) continue;
        if (irp.buffer.length < 3) {
          if (irp.status !== STATUS_BUFFER_TOO_SMALL || irp.information !== 0) {
            return `the ${irp.buffer.length}-word read IRP #${irp.number} completed with status ${hex(irp.status)} and Information ${irp.information}; expected STATUS_BUFFER_TOO_SMALL and 0`;
          }
          continue;
        }
        const [count = -1, sum = -1, answered = -1] = irp.buffer;
        if (irp.status !== STATUS_SUCCESS || irp.information !== 3) {
          return `read IRP #${irp.number} completed with status ${hex(irp.status)} and Information ${irp.information}; expected STATUS_SUCCESS and 3`;
        }
        if (!(count >= 0 && count <= INTERRUPTS && sum >= 0 && sum <= DATA_SUM && answered >= 0 && answered <= Math.min(INTERRUPTS, REQUESTS))) {
          return `read IRP #${irp.number} reported Count ${count}, Sum ${sum}, Answered ${answered}, which the device never had`;
        }
      }
      return true;
    },
  },
});
