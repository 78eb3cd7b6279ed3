/**
 * Data races by happens-before, FastTrack-style (Flanagan & Freund, PLDI
 * 2009): each context keeps a vector clock; lock release→acquire, DPC
 * queue→run, interrupt connect→ISR, IRP completion→waiter, event set→wait
 * and thread start/join order contexts. Each field remembers its last write
 * and the reads since; an access unordered with a conflicting one is a race,
 * whether or not this schedule happened to lose an update. Each side's
 * lockset is reported (Eraser, Savage et al., SOSP 1997).
 */
import { childPath, isSharedState, type Cell, type Context, type MachineEvent } from '../machine/index.js';
import { groupingPath, holding, related, where, type Check, type FindingSink } from './check.js';
import { LockThefts, type Theft } from './lock-theft.js';
import type { FindingDraft } from './finding.js';

/** One remembered access (updated in place when the same context accesses the field again; reused once forgotten). */
interface Access {
  ctx: Context;
  /** The context's own clock component at the access (its epoch). */
  clock: number;
  seq: number;
  write: boolean;
  locks: readonly string[];
  routine: string;
}

/** What a field remembers (kept in `Cell.shadow`). */
interface Shadow {
  write: Access | null;
  reads: Access[];
  /** Set once a race on this field has been reported in this schedule. */
  reported: boolean;
}

/**
 * Vector clocks for one schedule. Clocks are dense arrays of small integers
 * (a context's slot is its id), so joins stay on V8's fast path.
 */
class Clocks {
  private readonly byContext: number[][] = [];
  private readonly published = new Map<object, number[]>();

  of(ctx: Context): number[] {
    let clock = this.byContext[ctx.id];
    if (clock === undefined) {
      clock = widen([], ctx.id);
      clock[ctx.id] = 1;
      this.byContext[ctx.id] = clock;
    }
    return clock;
  }

  fork(parent: Context, child: Context): void {
    const copy = widen(this.of(parent).slice(), child.id);
    copy[child.id] = Math.max(copy[child.id]!, 1);
    this.byContext[child.id] = copy;
    this.tick(parent);
  }

  release(ctx: Context, key: object): void {
    const clock = this.of(ctx);
    const target = this.published.get(key);
    if (target === undefined) this.published.set(key, clock.slice());
    else join(target, clock);
    this.tick(ctx);
  }

  acquire(ctx: Context, key: object): void {
    const source = this.published.get(key);
    if (source !== undefined) join(this.of(ctx), source);
  }

  /** Whether `access` happens before the current point of `ctx`. */
  ordered(access: Access, ctx: Context): boolean {
    return access.ctx === ctx || access.clock <= (this.of(ctx)[access.ctx.id] ?? 0);
  }

  private tick(ctx: Context): void {
    const clock = this.of(ctx);
    clock[ctx.id]!++;
  }
}

/** Pads `clock` with zeros so that slot `id` exists. */
function widen(clock: number[], id: number): number[] {
  while (clock.length <= id) clock.push(0);
  return clock;
}

/** Raises `into` to the pointwise maximum of the two clocks. */
function join(into: number[], from: readonly number[]): void {
  const shared = Math.min(into.length, from.length);
  for (let i = 0; i < shared; i++) {
    const value = from[i]!;
    if (value > into[i]!) into[i] = value;
  }
  for (let i = shared; i < from.length; i++) into.push(from[i]!);
}

/** Two accesses to one field from concurrent contexts, at least one a write, unordered by happens-before. */
export const dataRace: Check = {
  id: 'data-race',
  rule: 'happens-before race detection (FastTrack; Eraser locksets)',
  describe: 'two accesses to one shared field from concurrent contexts, at least one a write, not ordered by any lock, DPC, interrupt or IRP',
  create(sink) {
    let clocks = new Clocks();
    // Access records no field remembers any more, for reuse within a schedule (accesses are the hottest
    // event). Dropped when the next schedule starts: a record keeps its context, and no check keeps a
    // Context past its schedule (docs/engine.md, the check contract).
    const spare: Access[] = [];
    // Where a lock was freed under its holder: two holders of one lock race because of it.
    const thefts = new LockThefts();
    return {
      events: ['access', 'sync', 'lock-init', 'release'],
      startSchedule() {
        clocks = new Clocks();
        spare.length = 0;
        thefts.startSchedule();
      },
      handle(event: MachineEvent) {
        if (event.type === 'sync') {
          if (event.kind === 'fork') clocks.fork(event.ctx, event.child!);
          else if (event.kind === 'release') clocks.release(event.ctx, event.key);
          else clocks.acquire(event.ctx, event.key);
          return;
        }
        if (event.type === 'access') onAccess(sink, clocks, spare, thefts, event.ctx, event.cell, event.write, event.seq);
        else thefts.handle(event);
      },
    };
  },
};

function remember(spare: Access[], ctx: Context, clock: number, seq: number, write: boolean): Access {
  const access = spare.pop();
  if (access === undefined) return { ctx, clock, seq, write, locks: ctx.heldNames, routine: ctx.routine };
  access.ctx = ctx;
  update(access, clock, seq, write);
  return access;
}

function onAccess(sink: FindingSink, clocks: Clocks, spare: Access[], thefts: LockThefts, ctx: Context, cell: Cell, write: boolean, seq: number): void {
  let shadow = cell.shadow as Shadow | undefined;
  if (shadow === undefined) {
    shadow = { write: null, reads: [], reported: false };
    cell.shadow = shadow;
  }
  const clock = clocks.of(ctx)[ctx.id] ?? 1;
  const earlier = shadow.reported ? null : conflicting(clocks, shadow, ctx, write);
  if (earlier !== null) report(sink, thefts, cell, shadow, earlier, { ctx, clock, seq, write, locks: ctx.heldNames, routine: ctx.routine });
  if (write) {
    const last = shadow.write;
    if (last !== null && last.ctx === ctx) update(last, clock, seq, true);
    else {
      if (last !== null) spare.push(last);
      shadow.write = remember(spare, ctx, clock, seq, true);
    }
    const reads = shadow.reads;
    while (reads.length > 0) spare.push(reads.pop()!);
    return;
  }
  const reads = shadow.reads;
  for (let i = 0; i < reads.length; i++) {
    if (reads[i]!.ctx === ctx) {
      update(reads[i]!, clock, seq, false);
      return;
    }
  }
  reads.push(remember(spare, ctx, clock, seq, false));
}

/** The remembered access an access by `ctx` races with: the last write, or for a write any read, unordered with it. */
function conflicting(clocks: Clocks, shadow: Shadow, ctx: Context, write: boolean): Access | null {
  const last = shadow.write;
  if (last !== null && last.ctx !== ctx && !clocks.ordered(last, ctx)) return last;
  if (!write) return null;
  for (const read of shadow.reads) if (read.ctx !== ctx && !clocks.ordered(read, ctx)) return read;
  return null;
}

function update(access: Access, clock: number, seq: number, write: boolean): void {
  const ctx = access.ctx;
  access.clock = clock;
  access.seq = seq;
  access.write = write;
  access.locks = ctx.heldNames;
  access.routine = ctx.routine;
}

/** What the two sides of a race need: the ordinary advice, or the cause that made a lock they share order nothing (an IRP handled twice, a lock freed under its holder). */
interface RaceCause {
  readonly advice: string;
  readonly draft: Partial<FindingDraft>;
}

function causeOf(thefts: LockThefts, target: string, earlier: Access, later: Access, outside: boolean): RaceCause {
  const [a, b] = [earlier.routine, later.routine];
  // An IRP belongs to one routine at a time: no lock makes two routines handling one IRP right.
  if (groupingPath(target).startsWith('IRP#')) {
    const who = a === b ? `two calls of ${a}` : `${a} and ${b}`;
    return { advice: `${who} both handle this IRP — an IRP belongs to one routine at a time: complete each IRP exactly once, and never touch it after IoCompleteRequest (or after handing it on)`, draft: { cause: 'irp-in-two-routines' } };
  }
  const common = earlier.locks.filter((l) => later.locks.includes(l));
  const theft = thefts.between(common, earlier.ctx, later.ctx);
  if (theft !== null) return { advice: theftAdvice(theft), draft: theftDraft(theft) };
  if (common.length > 0) return { advice: 'they hold a lock in common, yet nothing orders them — check the lock protects every access', draft: {} };
  if (outside) return { advice: 'it is state outside the device extension that routines share, so move it into the device extension and protect every access with the same spin lock', draft: {} };
  return { advice: 'protect every access to it with the same spin lock (or, for data shared with an ISR, KeSynchronizeExecution)', draft: {} };
}

function theftAdvice(t: Theft): string {
  return t.cause === 'lock-reinitialized-while-held'
    ? `both held ${t.lock} at once because ${t.by} re-initialized it while ${t.victim} held it (KeInitializeSpinLock frees a held lock) — initialize ${t.lock} once, in AddDevice or DriverEntry`
    : `both held ${t.lock} at once because ${t.by} released it while ${t.victim} held it, without holding it itself (a second release, or one with no acquire) — release only what you acquired, once`;
}

/** The theft as a finding's cause: its site beside the race, and the finding it follows from. */
function theftDraft(t: Theft): Partial<FindingDraft> {
  const label = t.cause === 'lock-reinitialized-while-held' ? `${t.lock} re-initialized here while ${t.victim} held it` : `${t.lock} released here by ${t.by}, which did not hold it`;
  return {
    cause: t.cause,
    ...(t.ctx === null ? {} : { related: [related(label, t.ctx, t.seq, { routine: t.by })] }),
    causedBy: t.causedBy,
  };
}

function report(sink: FindingSink, thefts: LockThefts, cell: Cell, shadow: Shadow, earlier: Access, later: Access): void {
  shadow.reported = true;
  const target = childPath(cell.object.path, cell.key);
  const verb = (a: Access): string => (a.write ? 'writes' : 'reads');
  const routines = [earlier.routine, later.routine].sort();
  const outside = isSharedState(cell.object);
  const { advice, draft } = causeOf(thefts, target, earlier, later, outside);
  // The access to fix is the less protected one (the smaller lockset), whichever came first; the other is beside it.
  const [primary, other] = earlier.locks.length < later.locks.length ? [earlier, later] : [later, earlier];
  sink({
    check: 'data-race',
    rule: 'happens-before race (FastTrack); locksets (Eraser)',
    message: `${target}: ${primary.routine} on CPU ${primary.ctx.cpu.id} ${verb(primary)} it ${holding(primary.locks)}, and ${other.routine} on CPU ${other.ctx.cpu.id} ${verb(other)} it ${holding(other.locks)}, with nothing ordering the two: ${advice}.`,
    key: `${groupingPath(target)}|${routines.join('|')}|${earlier.write && later.write ? 'ww' : 'rw'}${draft.cause === undefined ? '' : `|${draft.cause}`}`,
    target,
    ...(outside ? { outsideDevice: true } : {}),
    seq: primary.seq,
    locks: primary.locks,
    ...draft,
    related: [related(`the other ${other.write ? 'write' : 'read'}`, other.ctx, other.seq, { locks: other.locks, routine: other.routine }), ...(draft.related ?? [])],
    ...where(primary.ctx),
    routine: primary.routine,
  });
}
