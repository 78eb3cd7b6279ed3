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
    // Access records no field remembers any more, for reuse (accesses are the hottest event).
    const spare: Access[] = [];
    return {
      events: ['access', 'sync'],
      startSchedule() {
        clocks = new Clocks();
      },
      handle(event: MachineEvent) {
        if (event.type === 'sync') {
          if (event.kind === 'fork') clocks.fork(event.ctx, event.child!);
          else if (event.kind === 'release') clocks.release(event.ctx, event.key);
          else clocks.acquire(event.ctx, event.key);
          return;
        }
        if (event.type === 'access') onAccess(sink, clocks, spare, event.ctx, event.cell, event.write, event.seq);
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

function onAccess(sink: FindingSink, clocks: Clocks, spare: Access[], ctx: Context, cell: Cell, write: boolean, seq: number): void {
  let shadow = cell.shadow as Shadow | undefined;
  if (shadow === undefined) {
    shadow = { write: null, reads: [], reported: false };
    cell.shadow = shadow;
  }
  const clock = clocks.of(ctx)[ctx.id] ?? 1;
  const earlier = shadow.reported ? null : conflicting(clocks, shadow, ctx, write);
  if (earlier !== null) report(sink, cell, shadow, earlier, { ctx, clock, seq, write, locks: ctx.heldNames, routine: ctx.routine });
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

function report(sink: FindingSink, cell: Cell, shadow: Shadow, earlier: Access, later: Access): void {
  shadow.reported = true;
  const target = childPath(cell.object.path, cell.key);
  const verb = (a: Access): string => (a.write ? 'writes' : 'reads');
  const routines = [earlier.routine, later.routine].sort();
  const common = earlier.locks.filter((l) => later.locks.includes(l));
  const outside = isSharedState(cell.object);
  const advice =
    common.length > 0
      ? 'they hold a lock in common, yet nothing orders them — check the lock protects every access'
      : outside
        ? 'it is state outside the device extension that routines share, so move it into the device extension and protect every access with the same spin lock'
        : 'protect every access to it with the same spin lock (or, for data shared with an ISR, KeSynchronizeExecution)';
  // The access to fix is the less protected one (the smaller lockset), whichever came first; the other is beside it.
  const [primary, other] = earlier.locks.length < later.locks.length ? [earlier, later] : [later, earlier];
  sink({
    check: 'data-race',
    rule: 'happens-before race (FastTrack); locksets (Eraser)',
    message: `${target}: ${primary.routine} on CPU ${primary.ctx.cpu.id} ${verb(primary)} it ${holding(primary.locks)}, and ${other.routine} on CPU ${other.ctx.cpu.id} ${verb(other)} it ${holding(other.locks)}, with nothing ordering the two: ${advice}.`,
    key: `${groupingPath(target)}|${routines.join('|')}|${earlier.write && later.write ? 'ww' : 'rw'}`,
    target,
    ...(outside ? { outsideDevice: true } : {}),
    seq: primary.seq,
    locks: primary.locks,
    related: [related(`the other ${other.write ? 'write' : 'read'}`, other.ctx, other.seq, { locks: other.locks, routine: other.routine })],
    ...where(primary.ctx),
    routine: primary.routine,
  });
}
