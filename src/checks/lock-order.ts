import { DISPATCH_LEVEL } from '../kernel/irql.js';
import { LockFamily, type Context } from '../machine/index.js';
import { related, where, type Check, type FindingSink } from './check.js';

/** Where an ordering edge A → B was first seen. */
interface Edge {
  readonly schedule: number;
  readonly seq: number;
  readonly routine: string;
  readonly cpu: number;
}

/**
 * A lock-order cycle seen across schedules (a potential ABBA deadlock, even
 * in runs that did not deadlock), or a lock taken both by an ISR and at ≤
 * DISPATCH_LEVEL outside the interrupt lock.
 */
export const lockOrder: Check = {
  id: 'lock-order',
  rule: 'Verifier 0xC4/0x1001; lockdep',
  describe: 'locks taken in opposite orders in different places (a potential ABBA deadlock), or a lock taken both in an ISR and at ≤ DISPATCH_LEVEL outside the interrupt lock',
  create(sink) {
    const edges = new Map<string, Map<string, Edge>>();
    const reported = new Set<string>();
    const uses = new Map<string, IsrSharing>();
    let schedule = 0;
    return {
      events: ['acquire', 'acquired'],
      startSchedule(_x, index) {
        schedule = index;
      },
      handle(event) {
        if (event.type === 'acquire') {
          if (event.family !== LockFamily.Interrupt) checkIsrSharing(sink, uses, event.ctx, event.lock.name, event.irql, event.seq);
          return;
        }
        if (event.type !== 'acquired') return;
        const to = event.lock.name;
        for (const held of event.ctx.held) {
          const from = held.lock.name;
          if (from === to) continue;
          let out = edges.get(from);
          if (out === undefined) edges.set(from, (out = new Map()));
          if (out.has(to)) continue;
          out.set(to, { schedule, seq: event.seq, routine: event.ctx.routine, cpu: event.ctx.cpu.id });
          const back = path(edges, to, from);
          if (back === null) continue;
          const cycle = [from, ...back];
          const key = [...cycle].sort().join('|');
          if (reported.has(key)) continue;
          reported.add(key);
          const sites = cycle.map((lock, i) => {
            const next = cycle[(i + 1) % cycle.length]!;
            const edge = edges.get(lock)!.get(next)!;
            return { ...edge, label: `${edge.routine} takes ${next} while holding ${lock}` };
          });
          sink({
            check: 'lock-order',
            rule: 'Verifier 0xC4/0x1001 (lock hierarchy violation)',
            message: `Locks are taken in opposite orders: ${sites.map((s) => s.label).join('; ')}. Two CPUs doing this at once deadlock. Take nested locks in one global order everywhere.`,
            key: `cycle|${key}`,
            lock: to,
            seq: event.seq,
            related: sites.map((s) => ({ label: s.label, seq: s.seq, schedule: s.schedule, cpu: s.cpu, routine: s.routine, context: null, irql: null })),
            ...where(event.ctx),
          });
        }
      },
    };
  },
};

/** A path of locks from `from` to `to` in the order graph (excluding `from`), or null. */
function path(edges: Map<string, Map<string, Edge>>, from: string, to: string): string[] | null {
  const queue: Array<[string, string[]]> = [[from, [from]]];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const [node, trail] = queue.shift()!;
    for (const next of edges.get(node)?.keys() ?? []) {
      if (next === to) return trail;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([next, [...trail, next]]);
    }
  }
  return null;
}

/** How one lock has been taken: in an ISR, and at ≤ DISPATCH_LEVEL outside the interrupt lock. */
interface IsrSharing {
  isr: string | null;
  low: string | null;
  reported: boolean;
}

function checkIsrSharing(sink: FindingSink, uses: Map<string, IsrSharing>, ctx: Context, lock: string, irql: number, seq: number): void {
  let use = uses.get(lock);
  if (use === undefined) uses.set(lock, (use = { isr: null, low: null, reported: false }));
  if (use.reported) return;
  if (ctx.kind === 'isr' || ctx.frame?.kind === 'synch') use.isr ??= ctx.frame?.kind === 'synch' ? `the SynchCritSection routine ${ctx.frame.routine}` : `the ISR ${ctx.routine}`;
  else if (use.low === null && irql <= DISPATCH_LEVEL && !ctx.held.some((a) => a.family === LockFamily.Interrupt)) use.low = ctx.routine;
  if (use.isr === null || use.low === null) return;
  use.reported = true;
  sink({
    check: 'lock-order',
    rule: 'lockdep inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage',
    message: `${lock} is taken in ${use.isr} and also by ${use.low} at DISPATCH_LEVEL or below without the interrupt lock: if the interrupt arrives on the CPU holding ${lock}, the interrupt-level code spins forever. Share data with an ISR only under its interrupt spin lock (KeSynchronizeExecution).`,
    key: `isr|${lock}`,
    lock,
    seq,
    related: [related('taken here', ctx, seq)],
    ...where(ctx),
  });
}
