import type { Context } from '../machine/index.js';
import { acquirerRoutine, inInterruptContext, ordinarySpinLock, related, where, type Check } from './check.js';
import { findingId } from './finding.js';
import { heldAtReturnKey } from './held-at-return.js';

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
        const found = cycle.length > 0 ? cycle : spinning;
        // An ISR (or SynchCritSection routine) taking an ordinary spin lock is the defect: its acquire is the site, the interrupt rule the cure.
        const isr = found.find(takesSpinLockAtInterruptLevel);
        const chain = isr === undefined ? found : [isr, ...found.filter((c) => c !== isr)];
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
              : isr !== undefined
                ? `Deadlock: ${spins} — each holds a lock another is waiting for, and ${isr.routine} runs at interrupt level yet takes the ordinary spin lock ${ordinaryLockOf(isr)}. Never take an ordinary spin lock in an ISR: share data with an ISR only through its interrupt spin lock (KeSynchronizeExecution, KeAcquireInterruptSpinLock).`
                : `Deadlock: ${spins} — each holds a lock another is waiting for. Take nested locks in one global order everywhere.`,
          key: [...locks].sort().join('|'),
          lock: isr === undefined ? locks[0] : ordinaryLockOf(isr),
          seq: first.pending[0]?.seq ?? event.seq,
          related: [
            ...chain.flatMap((c) => c.held.map((a) => related(`${a.lock.name} acquired here by ${c.routine}`, c, a.seq))),
            ...(leaked === undefined ? [] : [related(`${leaked.lock.name} acquired here by ${acquirerRoutine(leaked)}, never released`, leaked.ctx, leaked.seq)]),
          ],
          details,
          ...(leaked === undefined && isr !== undefined ? { cause: 'spin-lock-in-interrupt-context' as const } : {}),
          ...(leaked === undefined ? {} : { causedBy: findingId('held-at-return', heldAtReturnKey(acquirerRoutine(leaked), leaked.lock.name)) }),
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

/** Whether `ctx` runs at interrupt level and holds or spins on an ordinary spin lock. */
function takesSpinLockAtInterruptLevel(ctx: Context): boolean {
  return inInterruptContext(ctx) && ordinaryLockOf(ctx) !== undefined;
}

/** The ordinary spin lock `ctx` spins on, else the first it holds. */
function ordinaryLockOf(ctx: Context): string | undefined {
  const spinning = ctx.spinningOn;
  if (spinning !== null && ordinarySpinLock(spinning)) return spinning.name;
  return ctx.held.find((a) => ordinarySpinLock(a.lock))?.lock.name;
}
