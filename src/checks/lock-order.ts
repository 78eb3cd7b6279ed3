import { DISPATCH_LEVEL } from '../kernel/irql.js';
import { LockFamily, type Context } from '../machine/index.js';
import { inInterruptContext, ordinarySpinLock, relatedAt, where, type Check, type FindingSink } from './check.js';
import type { ContextInfo, FindingDraft, RelatedSite } from './finding.js';

/** Where an ordering edge A → B was first seen, and every schedule that took it (the first one first). */
interface Edge {
  readonly seq: number;
  readonly routine: string;
  readonly cpu: number;
  /** Its context, as a finding names it. */
  readonly at: ContextInfo;
  /** Taken at interrupt level (an ISR, a SynchCritSection routine), and the lock taken is an ordinary spin lock: the defect of any cycle through it. */
  readonly inInterrupt: boolean;
  readonly schedules: number[];
  /** The cycles (finding drafts) this edge is part of, once found. */
  readonly cycles: FindingDraft[];
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
          if (event.family !== LockFamily.Interrupt) checkIsrSharing(sink, uses, event.ctx, event.lock.name, event.irql, event.seq, schedule);
          return;
        }
        if (event.type !== 'acquired') return;
        const to = event.lock.name;
        for (const held of event.ctx.held) {
          const from = held.lock.name;
          if (from === to) continue;
          let out = edges.get(from);
          if (out === undefined) edges.set(from, (out = new Map()));
          const known = out.get(to);
          if (known !== undefined) {
            // The edge again: this schedule has every cycle it is part of.
            if (firstInSchedule(known.schedules, schedule)) for (const cycle of known.cycles) sink(cycle);
            continue;
          }
          const inInterrupt = inInterruptContext(event.ctx) && ordinarySpinLock(event.lock);
          out.set(to, { seq: event.seq, routine: event.ctx.routine, cpu: event.ctx.cpu.id, at: where(event.ctx), inInterrupt, schedules: [schedule], cycles: [] });
          const back = path(edges, to, from);
          if (back === null) continue;
          const cycle = [from, ...back];
          const key = [...cycle].sort().join('|');
          if (reported.has(key)) continue;
          reported.add(key);
          const cycleEdges = cycle.map((lock, i) => edges.get(lock)!.get(cycle[(i + 1) % cycle.length]!)!);
          const sites = cycleEdges.map((edge, i) => {
            const label = `${edge.routine} takes ${cycle[(i + 1) % cycle.length]!} while holding ${cycle[i]!}`;
            return relatedAt({ label, seq: edge.seq, schedule: edge.schedules[0]!, cpu: edge.cpu, routine: edge.routine });
          });
          const draft: FindingDraft = { lock: to, ...cycleDraft(cycle, cycleEdges, sites, key, schedule) };
          if (draft.cause === undefined) Object.assign(draft, { seq: event.seq, ...where(event.ctx) });
          for (const edge of cycleEdges) edge.cycles.push(draft);
          // Present in every schedule that took one of its orderings, the earlier ones included.
          sink({ ...draft, alsoIn: [...new Set(cycleEdges.flatMap((edge) => edge.schedules))].sort((a, b) => a - b) });
        }
      },
    };
  },
};

/**
 * A cycle's finding: at the edge that completed it, or — when an ISR or
 * SynchCritSection routine takes an ordinary spin lock in it — at that take,
 * with the interrupt rule as its cure (no order makes that right).
 */
function cycleDraft(cycle: readonly string[], cycleEdges: readonly Edge[], sites: readonly RelatedSite[], key: string, schedule: number): FindingDraft {
  const base = { check: 'lock-order', rule: 'Verifier 0xC4/0x1001 (lock hierarchy violation)', key: `cycle|${key}`, related: sites } as const;
  const at = cycleEdges.findIndex((edge) => edge.inInterrupt);
  const orders = `Locks are taken in opposite orders: ${sites.map((s) => s.label).join('; ')}. Two CPUs doing this at once deadlock.`;
  if (at < 0) return { ...base, message: `${orders} Take nested locks in one global order everywhere.`, seq: -1, ...where(null) };
  const edge = cycleEdges[at]!;
  const lock = cycle[(at + 1) % cycle.length]!;
  return {
    ...base,
    message: `${orders} ${edge.routine} runs at interrupt level yet takes the ordinary spin lock ${lock}: never take an ordinary spin lock in an ISR — share data with an ISR only through its interrupt spin lock (KeSynchronizeExecution, KeAcquireInterruptSpinLock).`,
    cause: 'spin-lock-in-interrupt-context',
    lock,
    seq: edge.seq,
    ...(edge.schedules[0] === schedule ? {} : { siteSchedule: edge.schedules[0]! }),
    ...edge.at,
  };
}

/**
 * Adds `schedule` to `schedules` (in order, each once) and tells whether it
 * was new: a finding already made is then sent again for this schedule.
 */
function firstInSchedule(schedules: number[], schedule: number): boolean {
  if (schedules[schedules.length - 1] === schedule) return false;
  schedules.push(schedule);
  return true;
}

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

/** One take of a lock, where it was seen. */
interface Take {
  /** `the ISR Isr` / `the SynchCritSection routine Sync` / `DispatchRead`. */
  readonly who: string;
  readonly routine: string;
  readonly seq: number;
  readonly schedule: number;
  /** Its context, as a finding names it. */
  readonly at: ContextInfo;
}

/** How one lock has been taken: in an ISR, and at ≤ DISPATCH_LEVEL outside the interrupt lock (and in which schedules). */
interface IsrSharing {
  isr: Take | null;
  low: Take | null;
  /** Schedules that took it at ≤ DISPATCH_LEVEL outside the interrupt lock: each has the hazard once it is known. */
  readonly lowSchedules: number[];
  /** The finding, once reported (sent again for each later schedule with the hazard). */
  reported: FindingDraft | null;
}

/** Whether `ctx` holds an interrupt spin lock. */
function holdsInterruptLock(ctx: Context): boolean {
  for (const acquisition of ctx.held) if (acquisition.family === LockFamily.Interrupt) return true;
  return false;
}

/** A take of a lock by `who` (in words) in `routine`, at `seq` of `schedule`. */
function take(who: string, routine: string, ctx: Context, seq: number, schedule: number): Take {
  return { who, routine, seq, schedule, at: { ...where(ctx), routine } };
}

/**
 * Reports a lock taken both at interrupt level and below it outside the
 * interrupt lock, at the interrupt-level take (the defect: an ISR must not
 * take it), with the other take beside it — either may be in an earlier
 * schedule than the one that completes the pair.
 */
function checkIsrSharing(sink: FindingSink, uses: Map<string, IsrSharing>, ctx: Context, lock: string, irql: number, seq: number, schedule: number): void {
  let use = uses.get(lock);
  if (use === undefined) uses.set(lock, (use = { isr: null, low: null, lowSchedules: [], reported: null }));
  const atInterrupt = inInterruptContext(ctx);
  const synch = ctx.frame?.kind === 'synch';
  const low = !atInterrupt && irql <= DISPATCH_LEVEL && !holdsInterruptLock(ctx);
  if (low && firstInSchedule(use.lowSchedules, schedule) && use.reported !== null) sink(use.reported);
  // Every acquire comes here: nothing is allocated unless a take is new.
  if (use.reported !== null) return;
  if (atInterrupt) use.isr ??= synch ? take(`the SynchCritSection routine ${ctx.frame!.routine}`, ctx.frame!.routine, ctx, seq, schedule) : take(`the ISR ${ctx.routine}`, ctx.routine, ctx, seq, schedule);
  else if (use.low === null && low) use.low = take(ctx.routine, ctx.routine, ctx, seq, schedule);
  const { isr, low: other } = use;
  if (isr === null || other === null) return;
  const draft: FindingDraft = {
    check: 'lock-order',
    rule: 'lockdep inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage',
    message: `${lock} is taken in ${isr.who} and also by ${other.who} at DISPATCH_LEVEL or below without the interrupt lock: if the interrupt arrives on the CPU holding ${lock}, the interrupt-level code spins forever. Share data with an ISR only under its interrupt spin lock (KeSynchronizeExecution).`,
    key: `isr|${lock}`,
    cause: 'spin-lock-in-interrupt-context',
    lock,
    seq: isr.seq,
    ...(isr.schedule === schedule ? {} : { siteSchedule: isr.schedule }),
    related: [relatedAt({ label: `${lock} also taken here by ${other.routine}, without the interrupt lock`, seq: other.seq, schedule: other.schedule, cpu: other.at.cpu!, routine: other.routine })],
    ...isr.at,
  };
  use.reported = draft;
  sink({ ...draft, alsoIn: use.lowSchedules });
}
