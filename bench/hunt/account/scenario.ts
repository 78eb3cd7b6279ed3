/**
 * hunt/account (SCTBench CS/account_bad): the account opens with x = 1; a
 * checker, a depositor (y = 2) and a withdrawer (z = 4) start in that order,
 * each sending one request. The checker asserts what its check returned: once
 * both others are done, the balance is x + y - z.
 */
import { defineScenario } from 'spinlab/scenario';

const IOCTL_OPEN = 0x222000;
const IOCTL_DEPOSIT = 0x222004;
const IOCTL_WITHDRAW = 0x222008;
const IOCTL_CHECK = 0x22200c;

export default defineScenario({
  title: 'a checker, a deposit and a withdrawal on one account',
  cpus: 3,
  assertions: ['balance-checked'],
  async run(sim) {
    const account = await sim.start();
    if (account === null) return;
    const opener = sim.thread('main', 0, async (t) => void (await t.ioctl(account, IOCTL_OPEN, [1])));
    await sim.join(opener);
    sim.thread('check_result', 0, async (t) => {
      const [both, right] = (await t.ioctl(account, IOCTL_CHECK, [0, 0])).buffer;
      t.assert('balance-checked', both === 0 || right === 1, 'after the deposit and the withdrawal, the balance is not x + y - z');
    });
    sim.thread('deposit', 1, async (t) => void (await t.ioctl(account, IOCTL_DEPOSIT, [2])));
    sim.thread('withdraw', 2, async (t) => void (await t.ioctl(account, IOCTL_WITHDRAW, [4])));
    await sim.join();
  },
});
