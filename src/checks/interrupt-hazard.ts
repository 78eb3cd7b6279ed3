/**
 * Predicted interrupt self-deadlocks (lockdep's IN-HARDIRQ vs HARDIRQ-ON
 * rule): lock L is taken at interrupt level — in an ISR, or in a routine
 * KeSynchronizeExecution runs, both holding interrupt I's spin lock — and L
 * is held elsewhere below I's DIRQL on a CPU where I can arrive. If I
 * arrives there while L is held, its ISR spins forever on a lock its own
 * CPU holds. Whether some schedule delivers I at exactly that moment is
 * luck; the two facts are not: each is seen in almost every exploration, so
 * the hazard is decided the same way on every seed. It counts in every
 * schedule with a hold below DIRQL once known, and carries what the
 * exploration needs to build a witness schedule (explore/interrupt-witness.ts).
 */
import { irqlName } from '../kernel/irql.js';
import { LockFamily, type Context, type Execution } from '../machine/index.js';
import { relatedAt, where, type FindingSink } from './check.js';
import type { ContextInfo, FindingDraft } from './finding.js';

/** One side of a hazard. */
interface Side {
  readonly routine: string;
  readonly seq: number;
  readonly schedule: number;
  readonly cpu: number;
  readonly irql: number;
  /** Its context, as a finding names it. */
  readonly at: ContextInfo;
}

/** A take at interrupt level, with the interrupt's source and the CPUs it arrives on. */
interface IsrTake extends Side {
  readonly source: number;
  readonly cpus: readonly number[];
}

/** How one lock has been used. */
interface LockUse {
  /** The first take at interrupt level, per interrupt source. */
  readonly isr: Map<number, IsrTake>;
  /** The first hold below interrupt level, per CPU. */
  readonly low: Map<number, Side>;
  /** Schedules with a hold below interrupt level: each has every hazard of the lock once known. */
  readonly lowSchedules: number[];
  /** The hazards found, per interrupt source. */
  readonly reported: Map<number, FindingDraft>;
}

/** Tracks, across the schedules of one exploration, who takes each lock at and below interrupt level. */
export class InterruptHazards {
  private readonly uses = new Map<string, LockUse>();
  private x: Execution | null = null;
  private schedule = 0;

  constructor(private readonly sink: FindingSink) {}

  startSchedule(x: Execution, index: number): void {
    this.x = x;
    this.schedule = index;
  }

  /** An attempt to take a lock: at interrupt level, it is one side of a hazard. */
  attempt(ctx: Context, lock: string, family: LockFamily, seq: number): void {
    if (family === LockFamily.Interrupt) return;
    const source = this.interruptHeld(ctx);
    if (source === null) return;
    const use = this.use(lock);
    if (use.isr.has(source.index)) return;
    const take: IsrTake = { ...this.side(ctx, seq), source: source.index, cpus: source.actions.map((a) => a.cpu.id) };
    use.isr.set(source.index, take);
    for (const hold of use.low.values()) this.report(use, lock, take, hold);
  }

  /** A lock taken: held outside any interrupt lock, it is the other side. */
  acquired(ctx: Context, lock: string, family: LockFamily, seq: number): void {
    if (family === LockFamily.Interrupt || this.interruptHeld(ctx) !== null) return;
    const use = this.use(lock);
    if (use.lowSchedules[use.lowSchedules.length - 1] !== this.schedule) {
      use.lowSchedules.push(this.schedule);
      for (const draft of use.reported.values()) this.sink(draft);
    }
    if (use.low.has(ctx.cpu.id)) return;
    const hold = this.side(ctx, seq);
    use.low.set(ctx.cpu.id, hold);
    for (const take of use.isr.values()) this.report(use, lock, take, hold);
  }

  /**
   * Reports the hazard of `take` and `hold` if they make one, at the take
   * (the defect: interrupt-level code must not take the lock), with the hold
   * beside it; either may be in an earlier schedule than the current one.
   */
  private report(use: LockUse, lock: string, take: IsrTake, hold: Side): void {
    if (use.reported.has(take.source) || hold.irql >= take.irql || !take.cpus.includes(hold.cpu)) return;
    const label = `${hold.routine} holds ${lock} here, at ${irqlName(hold.irql)} on CPU ${hold.cpu}`;
    const draft: FindingDraft = {
      check: 'recursive-acquire',
      rule: 'Verifier 0xC4/0x1000; bug check 0xF SPIN_LOCK_ALREADY_OWNED (lockdep: IN-HARDIRQ vs HARDIRQ-ON)',
      message:
        `${lock} is taken by ${take.routine} at DIRQL ${take.irql}, and held by ${hold.routine} at ${irqlName(hold.irql)} on CPU ${hold.cpu}, where that interrupt can arrive: ` +
        `if it arrives while ${hold.routine} holds ${lock}, ${take.routine} spins forever on a lock its own CPU holds. ` +
        'Share data with an ISR only under its interrupt spin lock (KeSynchronizeExecution), never an executive spin lock.',
      key: `hazard|${lock}|${take.routine}`,
      cause: 'spin-lock-in-interrupt-context',
      lock,
      seq: take.seq,
      ...(take.schedule === this.schedule ? {} : { siteSchedule: take.schedule }),
      related: [relatedAt({ label, seq: hold.seq, schedule: hold.schedule, cpu: hold.cpu, routine: hold.routine })],
      witness: { schedule: hold.schedule, cpu: hold.cpu, source: take.source, lock },
      ...take.at,
    };
    use.reported.set(take.source, draft);
    this.sink({ ...draft, alsoIn: use.lowSchedules });
  }

  /** The interrupt source whose spin lock `ctx` holds (an ISR, a SynchCritSection routine), or null. */
  private interruptHeld(ctx: Context): Execution['sources'][number] | null {
    // Asked at every acquire: loops, not find() with a closure, so it allocates nothing.
    if (this.x === null) return null;
    for (const held of ctx.held) {
      if (held.family !== LockFamily.Interrupt) continue;
      for (const source of this.x.sources) if (source.connected !== null && source.connected.lock === held.lock) return source;
      return null;
    }
    return null;
  }

  private side(ctx: Context, seq: number): Side {
    const routine = ctx.frame?.routine ?? ctx.routine;
    return { routine, seq, schedule: this.schedule, cpu: ctx.cpu.id, irql: ctx.irql, at: { ...where(ctx), routine } };
  }

  private use(lock: string): LockUse {
    let use = this.uses.get(lock);
    if (use === undefined) this.uses.set(lock, (use = { isr: new Map(), low: new Map(), lowSchedules: [], reported: new Map() }));
    return use;
  }
}
