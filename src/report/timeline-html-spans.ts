/**
 * Where the page draws each lock: one span per holding, in its CPU's lane,
 * from the call that took it to the row that gave it up — read off the same
 * trace lines the text timeline shows. A lock the kernel takes for a routine
 * (an ISR, a SynchCritSection routine run by KeSynchronizeExecution) is held
 * from that routine's entry to its return, so two interrupts in a row are two
 * spans; a lock never released runs to the end of the schedule; a CPU whose
 * last act is an acquire of a held lock spins to the end.
 */
import type { TimelineEntry } from './timeline.js';

/** Where each row sits, top to bottom, and where each entry's row is. */
export interface Layout {
  readonly tops: number[];
  readonly heights: number[];
  /** The row of each entry (a folded one: its fold's). */
  readonly rowOf: number[];
  readonly height: number;
}

/** One holding of a lock by one context on one CPU, or one CPU spinning for a lock it never got. */
export interface Span {
  readonly cpu: number;
  readonly lock: string;
  readonly context: string;
  slot: number;
  readonly top: number;
  /** Where the context stops spinning and holds it (`top` when it got it at once; `bottom` when it never did). */
  readonly held: number;
  bottom: number;
  /** The event that took it (the acquire call, or the entry of the routine the kernel took it for). */
  readonly fromSeq: number;
  /** The event that gave it up (its release, or that routine's return); null: held, or spun for, to the end. */
  toSeq: number | null;
  /** The routine the kernel took the lock for: the span ends at its return. */
  readonly until?: string;
}

/** Kernel calls that take a lock not named by their first argument (the interrupt object's). */
const TAKES_OBJECT_LOCK = new Set(['KeSynchronizeExecution', 'KeAcquireInterruptSpinLock']);

/** Whether `call` is an attempt that spins until it gets its lock (a try-acquire never spins). */
const spinsFor = (call: TimelineEntry): boolean => call.type === 'call' && (TAKES_OBJECT_LOCK.has(call.what) || /^KeAcquire/.test(call.what));

/** Whether `call` gives up `lock`: a release naming it, or (handle, interrupt object) the innermost lock held. */
const releases = (call: TimelineEntry, lock: string): boolean =>
  call.type === 'call' && call.what.startsWith('KeRelease') && (call.target === lock || (call.locks.at(-1) === lock && !call.locks.includes(call.target ?? '')));

/** The previous line of a context, where it was drawn. */
interface Seen {
  readonly entry: TimelineEntry;
  readonly top: number;
  readonly bottom: number;
}

/** Each holding's span and each endless spin, in the order they start; `slot` is the column within the lane. */
export function lockSpans(entries: readonly TimelineEntry[], at: Layout, cpus: number): Span[] {
  const spans: Span[] = [];
  /** The open spans of each context, by lock. */
  const open = new Map<string, Map<string, Span>>();
  const busy: boolean[][] = Array.from({ length: Math.max(1, cpus) }, () => []);
  const last = new Map<string, Seen>();
  const close = (mine: Map<string, Span>, span: Span, toSeq: number): void => {
    mine.delete(span.lock);
    span.toSeq = toSeq;
    busy[span.cpu]![span.slot] = false;
  };
  const start = (span: Span): void => {
    const slots = busy[span.cpu] ?? [];
    const free = slots.indexOf(false);
    span.slot = free === -1 ? slots.length : free;
    slots[span.slot] = true;
    spans.push(span);
  };
  entries.forEach((e, i) => {
    const r = at.rowOf[i]!;
    const top = at.tops[r]!;
    const bottom = top + at.heights[r]!;
    const prev = last.get(e.context);
    const mine = open.get(e.context) ?? new Map<string, Span>();
    open.set(e.context, mine);
    const held = new Set(e.locks);
    // A context's holding ends at its first line without the lock, or when it shows up on another CPU.
    for (const span of mine.values()) if (span.cpu !== e.cpu || !held.has(span.lock)) close(mine, span, prev?.entry.seq ?? e.seq);
    for (const lock of e.locks) {
      const span = mine.get(lock);
      if (span !== undefined) {
        span.bottom = bottom;
        continue;
      }
      const call = prev !== undefined && prev.entry.cpu === e.cpu && prev.entry.type === 'call' && (prev.entry.target === lock || TAKES_OBJECT_LOCK.has(prev.entry.what)) ? prev : undefined;
      // The kernel took it for the routine entered here (not a student's helper entered right after an acquire).
      const until = e.type === 'enter' && (call === undefined || call.entry.what === 'KeSynchronizeExecution') ? e.routine : undefined;
      const from = call ?? { entry: e, top, bottom };
      const next: Span = { cpu: e.cpu, lock, context: e.context, slot: 0, top: from.top, held: from.bottom < top ? top : from.top, bottom, fromSeq: from.entry.seq, toSeq: null, ...(until === undefined ? {} : { until }) };
      mine.set(lock, next);
      start(next);
    }
    if (e.type === 'return' || (e.type === 'call' && e.what.startsWith('KeRelease'))) {
      for (const span of mine.values()) if ((e.type === 'return' && span.until === e.routine) || releases(e, span.lock)) close(mine, span, e.seq);
    }
    last.set(e.context, { entry: e, top, bottom });
  });
  for (const mine of open.values()) for (const span of mine.values()) span.bottom = at.height;
  // A context whose last line is an acquire of a lock someone held then (it may be its own) never got it: it spins to the end.
  for (const seen of last.values()) {
    const call = seen.entry;
    const lock = call.target;
    if (!spinsFor(call) || lock === undefined) continue;
    if (!TAKES_OBJECT_LOCK.has(call.what) && !wasHeld(spans, lock, seen.top)) continue;
    start({ cpu: call.cpu, lock, context: call.context, slot: 0, top: seen.top, held: at.height, bottom: at.height, fromSeq: call.seq, toSeq: null });
  }
  return spans;
}

/** Whether a span of `lock` covers the row at `top` (its holder had it when the acquire ran). */
function wasHeld(spans: readonly Span[], lock: string, top: number): boolean {
  return spans.some((s) => s.lock === lock && s.held < s.bottom && s.held <= top && s.bottom > top);
}
