/**
 * 07-lock-ordering: three ports on one hub, four CPUs.
 *
 * Phase 1 (concurrent): two writers spread 8 words over the three ports (5
 * on port 0), a client reads the hub statistics twice, another queries port
 * 0's status twice. Phase 2 (after phase 1): one client resets the hub twice
 * (the second reset finds nothing to clear), while another reads the
 * statistics and a third queries port 0's status.
 *
 * The split is deliberate: writes never overlap the hub reset, so an ABBA
 * order between DispatchWrite and the reset can never deadlock here — only
 * `lock-order` finds it — while writes do overlap the statistics walk, so an
 * ABBA order between those two deadlocks in some schedules.
 */
import { defineScenario, IRP_MJ_DEVICE_CONTROL, IRP_MJ_READ, type IrpResult } from 'spinlab/scenario';

const IOCTL_HUB_PORT_STATUS = 0x222000;
const IOCTL_HUB_RESET = 0x222004;
/** Words written in phase 1, all of which the hub reset must clear. */
const WRITTEN = 8;
const PORTS = 3;

/** The hub reset is the device-control IRP with a 2-word buffer (a port status query has 1 word). */
const resets = (irps: readonly IrpResult[]): IrpResult[] => irps.filter((i) => i.major === IRP_MJ_DEVICE_CONTROL && i.buffer.length === 2);
const statsReads = (irps: readonly IrpResult[]): IrpResult[] => irps.filter((i) => i.major === IRP_MJ_READ);

export default defineScenario({
  title: 'three ports on one hub: writes, statistics, port status, then a hub reset',
  cpus: 4,
  async run(sim) {
    const port0 = await sim.start();
    const port1 = await sim.start();
    const port2 = await sim.start();
    if (port0 === null || port1 === null || port2 === null) return;
    // Phase 1.
    sim.thread('writer0', 0, async (t) => {
      await t.write(port0, [1, 2]);
      await t.write(port1, [3]);
      await t.write(port0, [4]);
    });
    sim.thread('writer1', 1, async (t) => {
      await t.write(port0, [5]);
      await t.write(port2, [6, 7]);
      await t.write(port0, [8]);
    });
    sim.thread('stats', 2, async (t) => {
      await t.read(port1, 3);
      await t.read(port2, 3);
    });
    sim.thread('status', 3, async (t) => {
      await t.ioctl(port0, IOCTL_HUB_PORT_STATUS, [0]);
      await t.ioctl(port0, IOCTL_HUB_PORT_STATUS, [0]);
    });
    await sim.join();
    // Phase 2.
    sim.thread('resetter', 0, async (t) => {
      await t.ioctl(port2, IOCTL_HUB_RESET, [0, 0]);
      await t.ioctl(port1, IOCTL_HUB_RESET, [0, 0]); // nothing left to clear
    });
    sim.thread('stats2', 1, async (t) => void (await t.read(port0, 3)));
    sim.thread('status2', 2, async (t) => void (await t.ioctl(port0, IOCTL_HUB_PORT_STATUS, [0])));
    await sim.join();
  },
  invariants: {
    'stats-consistent': (s) => {
      for (const r of statsReads(s.irps)) {
        const [total, sum, count] = r.buffer;
        if (total !== sum) return `a statistics read (IRP #${r.number}) returned TotalWords ${String(total)} but the ports' Words add up to ${String(sum)}`;
        if (count !== PORTS) return `a statistics read (IRP #${r.number}) returned PortCount ${String(count)}, expected ${PORTS}`;
      }
      return true;
    },
    totals: (s) => {
      const [first, second] = resets(s.irps);
      if (first === undefined || second === undefined) return 'the two hub resets were not both sent';
      for (const [reset, words] of [[first, WRITTEN], [second, 0]] as const) {
        const [cleared, ports] = reset.buffer;
        if (reset.information !== 2) return `a hub reset (IRP #${reset.number}) completed with Information ${reset.information}, expected 2`;
        if (cleared !== words) return `a hub reset (IRP #${reset.number}) cleared ${String(cleared)} words, expected ${words} (${WRITTEN} words were written before the first reset)`;
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
