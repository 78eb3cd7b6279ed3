import type { Context } from '../machine/index.js';
import { related, where, type Check } from './check.js';

/** A schedule in which every live context spins: reported like `!deadlock`. */
export const deadlock: Check = {
  id: 'deadlock',
  rule: 'Verifier deadlock detection',
  describe: 'a schedule in which the spinning contexts wait for each other in a cycle (reported like !deadlock)',
  create(sink) {
    return {
      events: ['stop'],
      handle(event) {
        if (event.type !== 'stop' || event.reason.kind !== 'deadlock') return;
        const { cycle, spinning } = event.reason;
        const chain = cycle.length > 0 ? cycle : spinning;
        const first = chain[0];
        if (first === undefined) return;
        const details = chain.map(describe);
        const locks = chain.map((c) => c.spinningOn?.name ?? '?');
        sink({
          check: 'deadlock',
          rule: 'Verifier deadlock detection (!deadlock)',
          message: `Deadlock: ${chain.map((c) => `${c.routine} on CPU ${c.cpu.id} spins on ${c.spinningOn?.name ?? '?'}`).join(', ')} — each holds a lock another is waiting for. Take nested locks in one global order everywhere.`,
          key: [...locks].sort().join('|'),
          lock: locks[0],
          seq: first.pending[0]?.seq ?? event.seq,
          related: chain.flatMap((c) => c.held.map((a) => related(`${a.lock.name} acquired here by ${c.routine}`, c, a.seq))),
          details,
          ...where(first),
        });
      },
    };
  },
};

function describe(ctx: Context): string {
  const holds = ctx.held.map((a) => a.lock.name).join(', ') || 'nothing';
  return `CPU ${ctx.cpu.id} ${ctx.kind} ${ctx.routine}: holds ${holds}; spins on ${ctx.spinningOn?.name ?? '?'} (held by ${ctx.spinningOn?.holder?.ctx.routine ?? '?'})`;
}
