/**
 * Data races by happens-before, FastTrack-style (Flanagan & Freund, PLDI
 * 2009): each context keeps a vector clock; lock release→acquire, DPC
 * queue→run, interrupt connect→ISR, IRP completion→waiter, event set→wait
 * and thread start/join order contexts. Each field remembers its last write
 * and the reads since; an access unordered with a conflicting one is a race,
 * whether or not this schedule happened to lose an update. Each side's
 * lockset is reported (Eraser, Savage et al., SOSP 1997).
 */
import { childPath, type Cell, type Context, type MachineEvent } from '../machine/index.js';
import { holding, related, where, type Check, type FindingSink } from './check.js';

/** One remembered access (records are updated in place when the same context accesses the field again). */
interface Access {
  readonly ctx: Context;
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

/** Vector clocks for one schedule. */
class Clocks {
  private readonly byContext: number[][] = [];
  private readonly published = new Map<object, number[]>();

  of(ctx: Context): number[] {
    let clock = this.byContext[ctx.id];
    if (clock === undefined) {
      clock = [];
      clock[ctx.id] = 1;
      this.byContext[ctx.id] = clock;
    }
    return clock;
  }

  fork(parent: Context, child: Context): void {
    const copy = this.of(parent).slice();
    copy[child.id] = Math.max(copy[child.id] ?? 0, 1);
    this.byContext[child.id] = copy;
    this.tick(parent);
  }

  release(ctx: Context, key: object): void {
    const clock = this.of(ctx);
    const target = this.published.get(key);
    this.published.set(key, target === undefined ? clock.slice() : join(target, clock));
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
    clock[ctx.id] = (clock[ctx.id] ?? 0) + 1;
  }
}

function join(into: number[], from: readonly number[]): number[] {
  for (let i = 0; i < from.length; i++) {
    const value = from[i];
    if (value !== undefined && value > (into[i] ?? 0)) into[i] = value;
  }
  return into;
}

/** Two accesses to one field from concurrent contexts, at least one a write, unordered by happens-before. */
export const dataRace: Check = {
  id: 'data-race',
  rule: 'happens-before race detection (FastTrack; Eraser locksets)',
  describe: 'two accesses to one shared field from concurrent contexts, at least one a write, not ordered by any lock, DPC, interrupt or IRP',
  create(sink) {
    let clocks = new Clocks();
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
        if (event.type === 'access') onAccess(sink, clocks, event.ctx, event.cell, event.write, event.seq);
      },
    };
  },
};

function onAccess(sink: FindingSink, clocks: Clocks, ctx: Context, cell: Cell, write: boolean, seq: number): void {
  let shadow = cell.shadow as Shadow | undefined;
  if (shadow === undefined) {
    shadow = { write: null, reads: [], reported: false };
    cell.shadow = shadow;
  }
  const clock = clocks.of(ctx)[ctx.id] ?? 1;
  if (!shadow.reported) {
    const last = shadow.write;
    if (last !== null && last.ctx !== ctx && !clocks.ordered(last, ctx)) {
      report(sink, cell, shadow, last, { ctx, clock, seq, write, locks: ctx.heldNames, routine: ctx.routine });
    } else if (write) {
      for (const read of shadow.reads) {
        if (read.ctx !== ctx && !clocks.ordered(read, ctx)) {
          report(sink, cell, shadow, read, { ctx, clock, seq, write, locks: ctx.heldNames, routine: ctx.routine });
          break;
        }
      }
    }
  }
  if (write) {
    const last = shadow.write;
    if (last !== null && last.ctx === ctx) update(last, clock, seq, true);
    else shadow.write = { ctx, clock, seq, write: true, locks: ctx.heldNames, routine: ctx.routine };
    if (shadow.reads.length > 0) shadow.reads.length = 0;
    return;
  }
  const reads = shadow.reads;
  for (let i = 0; i < reads.length; i++) {
    if (reads[i]!.ctx === ctx) {
      update(reads[i]!, clock, seq, false);
      return;
    }
  }
  reads.push({ ctx, clock, seq, write: false, locks: ctx.heldNames, routine: ctx.routine });
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
  const advice =
    common.length > 0
      ? 'they hold a lock in common, yet nothing orders them — check the lock protects every access'
      : 'protect every access to it with the same spin lock (or, for data shared with an ISR, KeSynchronizeExecution)';
  sink({
    check: 'data-race',
    rule: 'happens-before race (FastTrack); locksets (Eraser)',
    message: `${target}: ${later.routine} on CPU ${later.ctx.cpu.id} ${verb(later)} it ${holding(later.locks)}, and ${earlier.routine} on CPU ${earlier.ctx.cpu.id} ${verb(earlier)} it ${holding(earlier.locks)}, with nothing ordering the two: ${advice}.`,
    // Pool allocations and IRPs are numbered per schedule: group their races by shape, not number
    // (device extensions keep theirs: ext#2 is another device).
    key: `${target.replace(/(?<!\bext|\bdevice)#\d+/g, '#')}|${routines.join('|')}|${earlier.write && later.write ? 'ww' : 'rw'}`,
    target,
    seq: later.seq,
    locks: later.locks,
    related: [related(`the other ${earlier.write ? 'write' : 'read'}`, earlier.ctx, earlier.seq, { locks: earlier.locks, routine: earlier.routine })],
    ...where(later.ctx),
  });
}
