/**
 * 07-lock-ordering: three ports on one hub, four CPUs.
 *
 * Phase 1 (concurrent): two writers each send two to four writes of one to
 * three words over the three ports (each starts with port 0, the busiest), a
 * client reads the hub statistics one to three times, another queries port
 * 0's status one to three times. Phase 2 (after phase 1): one client resets
 * the hub twice (the first on port 1 or 2; the second finds nothing to
 * clear), while another reads the statistics and a third queries port 0's
 * status. The writes, the ports, the counts and the CPUs are drawn for every
 * schedule. In half of the schedules (drawn), an edge phase between the two
 * sends the README's boundary requests one after another (EDGES): before the
 * reset, so that a refused reset that clears anything shows in the real one.
 *
 * Every phase-1 query must report at least the words counted when it was
 * sent (`queries-current`): a constant answer is not one the hub gave.
 *
 * The split is deliberate: writes never overlap the hub reset, so an ABBA
 * order between DispatchWrite and the reset can never deadlock here — only
 * `lock-order` finds it — while writes do overlap the statistics walk, so an
 * ABBA order between those two deadlocks in some schedules.
 */
import {
  answerProblem,
  defineScenario,
  IRP_MJ_DEVICE_CONTROL,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_SUCCESS,
  type FinalState,
  type IrpResult,
  type IrpSpec,
  type ThreadApi,
} from 'spinlab/scenario';

const IOCTL_HUB_PORT_STATUS = 0x222000;
const IOCTL_HUB_RESET = 0x222004;
/** A code the hub does not define. */
const IOCTL_UNKNOWN = 0x222008;
const PORTS = 3;

/**
 * The edge phase, sent by the thread `edges` in half of the schedules: every
 * exploration drives these paths, and a driver that hangs on one still
 * reaches the end in the other half, where its work is judged as before.
 */
const EDGES: ReadonlyArray<{ readonly what: string; readonly spec: IrpSpec; readonly status: number; readonly information: number }> = [
  { what: 'a statistics read of 2 words (below 3)', spec: { major: IRP_MJ_READ, length: 2, buffer: [0, 0] }, status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'a statistics read of 0 words', spec: { major: IRP_MJ_READ, length: 0, buffer: [] }, status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'IOCTL_HUB_PORT_STATUS with no output word', spec: ioctl(IOCTL_HUB_PORT_STATUS, 0), status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'IOCTL_HUB_RESET with 1 output word (below 2)', spec: ioctl(IOCTL_HUB_RESET, 1), status: STATUS_BUFFER_TOO_SMALL, information: 0 },
  { what: 'an unknown IOCTL code (0x222008)', spec: ioctl(IOCTL_UNKNOWN, 2), status: STATUS_INVALID_DEVICE_REQUEST, information: 0 },
  { what: 'a write of 0 words', spec: { major: IRP_MJ_WRITE, length: 0, buffer: [] }, status: STATUS_SUCCESS, information: 0 },
];

/** A device control of `code` whose buffer has `words` words (in and out, METHOD_BUFFERED). */
function ioctl(code: number, words: number): IrpSpec {
  return { major: IRP_MJ_DEVICE_CONTROL, ioControlCode: code, buffer: new Array<number>(words).fill(0) };
}

/** One write: the port it goes to, and how many words it carries. */
interface Write {
  readonly port: number;
  readonly length: number;
}

interface Workload {
  /** Phase 1: the CPUs of the two writers, the statistics reader and the port 0 status client. */
  readonly cpus: readonly number[];
  /** Phase 1: each writer's writes, in order (its first goes to port 0). */
  readonly writers: ReadonlyArray<readonly Write[]>;
  /** Phase 1: the port each statistics read goes to. */
  readonly statsPorts: readonly number[];
  /** Phase 1: how many times port 0's status is queried. */
  readonly statusQueries: number;
  /** Phase 2: the ports the two hub resets are sent to (the first never to port 0). */
  readonly resetPorts: readonly [number, number];
  /** The port each edge request goes to, or null when this schedule has no edge phase. */
  readonly edgePorts: readonly number[] | null;
}

/** The two hub resets of phase 2 (the edge phase's refused one aside). */
const resets = (irps: readonly IrpResult[]): IrpResult[] => irps.filter((i) => i.ioControlCode === IOCTL_HUB_RESET && i.thread !== 'edges');
/** The statistics reads long enough to be answered (the edge phase's short ones are judged by `edge-requests`). */
const statsReads = (irps: readonly IrpResult[]): IrpResult[] => irps.filter((i) => i.major === IRP_MJ_READ && i.thread !== 'edges');
const numberOr0 = (value: unknown): number => (typeof value === 'number' ? value : 0);

/**
 * Asserts `queries-current` around one phase-1 query: `send` runs it, and its
 * first answer word must be at least what `counted` gave when it was sent
 * (no reset runs in phase 1, so the counters only grow).
 */
async function currentQuery(t: ThreadApi, what: string, counted: (s: FinalState) => number, send: () => Promise<IrpResult>): Promise<void> {
  let floor = 0;
  // Not a check: notes the counter when the query is sent (an assertion's view of the state now).
  t.assert('queries-current', (now) => ((floor = counted(now)), true));
  const irp = await send();
  if (!irp.completed || irp.status !== STATUS_SUCCESS) return;
  const reported = irp.buffer[0] ?? -1;
  t.assert('queries-current', reported >= floor, `${what} (IRP #${irp.number}) reported ${reported} words, but ${floor} were counted when it was sent`);
}

const written = (w: Workload): number => w.writers.flat().reduce((n, write) => n + write.length, 0);

export default defineScenario({
  title: 'three ports on one hub: writes, statistics, port status, then a hub reset',
  cpus: 4,
  workload(draw): Workload {
    // Port 0 is the busiest: every writer writes to it first, and half its other writes go there too.
    const writes = (): Write[] => [0, ...Array.from({ length: draw.int(1, 3) }, () => draw.pick([0, 0, 1, 2]))].map((port) => ({ port, length: draw.int(1, 3) }));
    return {
      cpus: draw.shuffle([0, 1, 2, 3]),
      writers: [writes(), writes()],
      statsPorts: Array.from({ length: draw.int(1, 3) }, () => draw.int(0, PORTS - 1)),
      statusQueries: draw.int(1, 3),
      resetPorts: [draw.int(1, PORTS - 1), draw.int(0, PORTS - 1)],
      edgePorts: draw.int(0, 1) === 1 ? EDGES.map(() => draw.int(0, PORTS - 1)) : null,
    };
  },
  async run(sim, w) {
    const port0 = await sim.start();
    const port1 = await sim.start();
    const port2 = await sim.start();
    if (port0 === null || port1 === null || port2 === null) return;
    const port = [port0, port1, port2];
    // Phase 1.
    w.writers.forEach((writes, i) =>
      sim.thread(`writer${i}`, w.cpus[i]!, async (t) => {
        for (const { port: to, length } of writes) await t.write(port[to]!, Array.from({ length }, (_, k) => k + 1));
      }),
    );
    sim.thread('stats', w.cpus[2]!, async (t) => {
      for (const to of w.statsPorts) await currentQuery(t, 'a statistics read', (s) => numberOr0(s.driverExtension.TotalWords), () => t.read(port[to]!, 3));
    });
    sim.thread('status', w.cpus[3]!, async (t) => {
      for (let n = 0; n < w.statusQueries; n++) await currentQuery(t, "port 0's status", (s) => numberOr0(s.extension(0).Words), () => t.ioctl(port0, IOCTL_HUB_PORT_STATUS, [0]));
    });
    await sim.join();
    if (w.edgePorts !== null) {
      const to = w.edgePorts;
      sim.thread('edges', w.cpus[1]!, async (t) => {
        for (const [n, edge] of EDGES.entries()) await t.send(port[to[n]!]!, edge.spec);
      });
      await sim.join();
    }
    // Phase 2.
    sim.thread('resetter', w.cpus[0]!, async (t) => {
      await t.ioctl(port[w.resetPorts[0]]!, IOCTL_HUB_RESET, [0, 0]);
      await t.ioctl(port[w.resetPorts[1]]!, IOCTL_HUB_RESET, [0, 0]); // nothing left to clear
    });
    sim.thread('stats2', w.cpus[1]!, async (t) => void (await t.read(port0, 3)));
    sim.thread('status2', w.cpus[2]!, async (t) => void (await t.ioctl(port0, IOCTL_HUB_PORT_STATUS, [0])));
    await sim.join();
  },
  assertions: ['queries-current'],
  invariants: {
    'edge-requests': (s, w) => {
      if (w.edgePorts === null) return null;
      return answerProblem(s.sentBy('edges'), EDGES, 'edges') ?? true;
    },
    'stats-consistent': (s) => {
      for (const r of statsReads(s.irps)) {
        const [total, sum, count] = r.buffer;
        if (total !== sum) return `a statistics read (IRP #${r.number}) returned TotalWords ${String(total)} but the ports' Words add up to ${String(sum)}`;
        if (count !== PORTS) return `a statistics read (IRP #${r.number}) returned PortCount ${String(count)}, expected ${PORTS}`;
      }
      return true;
    },
    totals: (s, w) => {
      const [first, second] = resets(s.irps);
      if (first === undefined || second === undefined) return 'the two hub resets were not both sent';
      const total = written(w);
      for (const [reset, words] of [[first, total], [second, 0]] as const) {
        const [cleared, ports] = reset.buffer;
        if (reset.information !== 2) return `a hub reset (IRP #${reset.number}) completed with Information ${reset.information}, expected 2`;
        if (cleared !== words) return `a hub reset (IRP #${reset.number}) cleared ${String(cleared)} words, expected ${words} (${total} words were written before the first reset)`;
        if (ports !== PORTS) return `a hub reset (IRP #${reset.number}) reported ${String(ports)} ports reset, expected ${PORTS}`;
      }
      if (s.driverExtension.TotalWords !== 0) return `TotalWords is ${String(s.driverExtension.TotalWords)} after the reset, expected 0`;
      for (let i = 0; i < PORTS; i++) {
        const words = s.extension(i).Words;
        if (words !== 0) return `port ${i}'s Words is ${String(words)} after the reset, expected 0`;
      }
      return true;
    },
  },
});
