/**
 * What an exploration saw of the names a rubric and an exercise rely on: the
 * routines that ran (findings name a routine by its function's name, which
 * the student chose) and the lock and field paths the driver touched. An
 * item filtered to a routine that never ran, or to a field nobody touched,
 * has no evidence: a race-free `ext.Count` proves nothing when the driver
 * counts in `ext.count`. Likewise an invariant no schedule judged (its
 * judge returned null each time, or no schedule reached it) proves nothing,
 * and so does a lock order no schedule nested (see {@link Situation}).
 */
import type { Cell, MachineEvent, MachineEventType, MachineObserver } from '../machine/index.js';
import { childPath } from '../machine/index.js';
import { pathCovers } from './path-covers.js';

/**
 * What some checks judge, when it happened in some schedule (an item of such
 * a check with none of its situations judged nothing, see score.ts):
 * `nested-locks` — a context took a lock while holding another (what
 * lock-order and release-order judge: a driver that never nests has no
 * order to get right); `interrupt-context` — an ISR or a SynchCritSection
 * routine ran (what lock-order's ISR-sharing rule judges).
 */
export const SITUATIONS = ['nested-locks', 'interrupt-context'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** The routines and paths to look out for. */
export interface CoverageWatch {
  readonly routines: readonly string[];
  readonly paths: readonly string[];
  /** Invariant and assertion names: seen once some schedule judged one (not idle, not unreached). */
  readonly invariants?: readonly string[];
  /**
   * Lock and list paths that need use, not a touch: seen once some schedule
   * acquired one, or passed it to an ExInterlocked routine or a list routine
   * other than InitializeListHead (initializing a lock or list uses nothing).
   */
  readonly used?: readonly string[];
  /**
   * Field paths that need sharing, not a touch: seen once, in one schedule,
   * two contexts accessed a field under one (a race item's target — no race
   * on a field only one routine ever reached proves nothing).
   */
  readonly shared?: readonly string[];
  /** Situations to look out for (see {@link Situation}). */
  readonly situations?: readonly Situation[];
}

/** Those of a {@link CoverageWatch} seen in at least one schedule. */
export interface CoverageSeen {
  readonly routines: readonly string[];
  readonly paths: readonly string[];
  readonly invariants: readonly string[];
  readonly used: readonly string[];
  readonly shared: readonly string[];
  readonly situations: readonly Situation[];
}

/**
 * Watches an exploration: routines as their frames start; paths by the
 * fields the driver read or wrote (its own accesses, and those of the list
 * routines it called), named where they live at the schedule's end. An
 * object merely existing (`ext`, made by the kernel) is no evidence.
 */
export class CoverageTracker implements MachineObserver {
  readonly events: readonly MachineEventType[];
  private readonly watchedRoutines: ReadonlySet<string>;
  private readonly invariants: readonly string[];
  private readonly used: readonly string[];
  private readonly shared: readonly string[];
  private readonly situations: readonly Situation[];
  private readonly routinesSeen = new Set<string>();
  private readonly pathsSeen = new Set<string>();
  private readonly invariantsSeen = new Set<string>();
  private readonly usedSeen = new Set<string>();
  private readonly sharedSeen = new Set<string>();
  /** Watched situations not seen yet. */
  private readonly unseen: Set<Situation>;
  /** The cells the driver accessed in this schedule, while some watched path is still unseen. */
  private readonly cells = new Set<Cell>();
  private collecting: boolean;
  /** The first context to access each cell in this schedule, and the cells a second one accessed, while some shared path is unseen. */
  private readonly firstAccess = new Map<Cell, number>();
  private readonly sharedCells = new Set<Cell>();
  private sharing: boolean;

  constructor(private readonly watch: CoverageWatch) {
    this.watchedRoutines = new Set(watch.routines);
    this.invariants = watch.invariants ?? [];
    this.used = watch.used ?? [];
    this.shared = watch.shared ?? [];
    this.situations = watch.situations ?? [];
    this.collecting = watch.paths.length > 0;
    this.sharing = this.shared.length > 0;
    this.unseen = new Set(this.situations);
    // Acquires are frequent: watched only when some path needs use, or some item a nesting.
    const events: MachineEventType[] = ['frame-enter', 'access', 'invariant'];
    if (this.used.length > 0) events.push('acquire', 'interlocked', 'plain-list');
    if (this.unseen.has('nested-locks')) events.push('acquired');
    this.events = events;
  }

  handle(event: MachineEvent): void {
    if (event.type === 'access') {
      if (this.collecting) this.cells.add(event.cell);
      if (this.sharing) {
        const first = this.firstAccess.get(event.cell);
        if (first === undefined) this.firstAccess.set(event.cell, event.ctx.id);
        else if (first !== event.ctx.id) this.sharedCells.add(event.cell);
      }
    } else if (event.type === 'frame-enter') {
      if (this.watchedRoutines.has(event.frame.routine)) this.routinesSeen.add(event.frame.routine);
      if (event.ctx.kind === 'isr' || event.frame.kind === 'synch') this.unseen.delete('interrupt-context');
    } else if (event.type === 'acquired') {
      if (holdsTwo(event.ctx.held)) this.unseen.delete('nested-locks');
    } else if (event.type === 'invariant' && event.idle !== true && event.unreached !== true) this.invariantsSeen.add(event.name);
    else if (event.type === 'acquire') this.use(event.lock.name);
    else if (event.type === 'interlocked') {
      this.use(event.lock.name);
      this.use(event.headName);
    } else if (event.type === 'plain-list' && event.via !== 'InitializeListHead') this.use(event.headName);
  }

  /** Notes that the lock or list at `path` was used, if a watched path covers it (nothing to do once all are seen). */
  private use(path: string): void {
    if (this.usedSeen.size === this.used.length) return;
    for (const filter of this.used) if (!this.usedSeen.has(filter) && pathCovers(filter, path)) this.usedSeen.add(filter);
  }

  /** A schedule ended: notes the watched paths its accesses fall under, and those two contexts shared. */
  afterSchedule(): void {
    noteCovered(this.cells, this.watch.paths, this.pathsSeen);
    noteCovered(this.sharedCells, this.shared, this.sharedSeen);
    this.cells.clear();
    this.firstAccess.clear();
    this.sharedCells.clear();
    // Once every watched path is seen, accesses need no more noting.
    this.collecting = this.pathsSeen.size < this.watch.paths.length;
    this.sharing = this.sharedSeen.size < this.shared.length;
  }

  /** What was seen so far, in the watch's order. */
  seen(): CoverageSeen {
    return {
      routines: this.watch.routines.filter((routine) => this.routinesSeen.has(routine)),
      paths: this.watch.paths.filter((path) => this.pathsSeen.has(path)),
      invariants: this.invariants.filter((name) => this.invariantsSeen.has(name)),
      used: this.used.filter((path) => this.usedSeen.has(path)),
      shared: this.shared.filter((path) => this.sharedSeen.has(path)),
      situations: this.situations.filter((situation) => !this.unseen.has(situation)),
    };
  }
}

/** Whether `held` (a context's locks, the one just acquired included) names two different locks. */
function holdsTwo(held: readonly { readonly lock: { readonly name: string } }[]): boolean {
  for (let i = 1; i < held.length; i++) if (held[i]!.lock.name !== held[0]!.lock.name) return true;
  return false;
}

/** Adds to `seen` each of `filters` that covers the field of one of `cells`, named where it lives now. */
function noteCovered(cells: ReadonlySet<Cell>, filters: readonly string[], seen: Set<string>): void {
  const unseen = filters.filter((filter) => !seen.has(filter));
  if (unseen.length === 0) return;
  for (const cell of cells) {
    const path = childPath(cell.object.path, cell.key);
    for (const filter of unseen) if (pathCovers(filter, path)) seen.add(filter);
  }
}
