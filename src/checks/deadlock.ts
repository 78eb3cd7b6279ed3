import type { Context } from '../machine/index.js';
import { acquirerRoutine, related, where, type Check } from './check.js';

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
        // No cycle: the spinners wait for a lock whose holder is done — a routine returned still holding it.
        const leaked = cycle.length === 0 ? (chain.map((c) => c.spinningOn?.holder ?? undefined).find((h) => h !== undefined && h.ctx.done)) : undefined;
        const spins = chain.map((c) => `${c.routine} on CPU ${c.cpu.id} spins on ${c.spinningOn?.name ?? '?'}`).join(', ');
        sink({
          check: 'deadlock',
          rule: 'Verifier deadlock detection (!deadlock)',
          message:
            leaked !== undefined
              ? `Hang: ${spins}, which ${acquirerRoutine(leaked)} acquired and never released — it returned still holding it, so nothing will ever release it. Release every lock on every path out of the routine that takes it.`
              : `Deadlock: ${spins} — each holds a lock another is waiting for. Take nested locks in one global order everywhere.`,
          key: [...locks].sort().join('|'),
          lock: locks[0],
          seq: first.pending[0]?.seq ?? event.seq,
          related: [
            ...chain.flatMap((c) => c.held.map((a) => related(`${a.lock.name} acquired here by ${c.routine}`, c, a.seq))),
            ...(leaked === undefined ? [] : [related(`${leaked.lock.name} acquired here by ${acquirerRoutine(leaked)}, never released`, leaked.ctx, leaked.seq)]),
          ],
          details,
          ...(leaked === undefined ? {} : { causedBy: `held-at-return|${acquirerRoutine(leaked)}|${leaked.lock.name}` }),
          ...where(first),
        });
      },
    };
  },
};

function describe(ctx: Context): string {
  const holds = ctx.held.map((a) => a.lock.name).join(', ') || 'nothing';
  const holder = ctx.spinningOn?.holder;
  const by = holder === null || holder === undefined ? '?' : `${acquirerRoutine(holder)}${holder.ctx.done ? ', which has returned' : ''}`;
  return `CPU ${ctx.cpu.id} ${ctx.kind} ${ctx.routine}: holds ${holds}; spins on ${ctx.spinningOn?.name ?? '?'} (held by ${by})`;
}
