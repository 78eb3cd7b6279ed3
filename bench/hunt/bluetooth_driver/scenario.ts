/**
 * hunt/bluetooth_driver (SCTBench CS/bluetooth_driver_bad, from KISS): the
 * stop handler runs in one thread while the main thread sends one work
 * request, which asserts it never found the device stopped.
 */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_PNP_ADD = 0x222000;
const IOCTL_PNP_STOP = 0x222004;

export default defineScenario({
  title: 'a PnP stop while a request works on the device',
  cpus: 2,
  assertions: ['not-stopped-while-working'],
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    const stopper = sim.thread('BCSP_PnpStop', 1, async (t) => void (await t.ioctl(device, IOCTL_PNP_STOP)));
    sim.thread('main', 0, async (t) => {
      const [stopped] = (await t.ioctl(device, IOCTL_PNP_ADD, [0])).buffer;
      t.assert('not-stopped-while-working', stopped === 0, 'the request worked on a device that had been stopped');
    });
    await sim.join(stopper);
    await sim.join();
  },
});
