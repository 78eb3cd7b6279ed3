/**
 * Scheduling points at shared accesses, the guest's half. Code between two
 * kernel calls would otherwise run atomically, so an unlocked
 * read-modify-write could never lose an update. The bundle rewrite
 * (src/sandbox/scheduling-sites.ts) puts a *site* between the statements of
 * every async function of the student's, and between computing a value and
 * storing it into a field (`ext.Count = ext.Count + 1`, `ext.Count++`). At a
 * site, if the routine touched tracked memory no lock protects since its
 * last scheduling point, the host makes the site a scheduling point: the
 * strategy may run something else there, and the store that follows uses
 * the value computed before it — a lost update, as on real hardware.
 *
 * Sites exist only in async functions (a synchronous helper cannot wait):
 * its body runs atomically, as before.
 */
import { Note, Op } from '../protocol.js';
import { bridge, pointCall } from './runtime.js';

/** Whether tracked memory was touched since the last site asked (any context: one runs at a time). */
let touched = false;
/** The value a site holds across its scheduling point (read back by {@link held} when there is none). */
let holding: unknown;

/** A deferred store: `target[key] = value`, after the point; the expression's value is `result`. */
interface DeferredStore {
  readonly target: Record<PropertyKey, unknown>;
  readonly key: PropertyKey;
  readonly value: unknown;
  readonly result: unknown;
}

/** Called by every tracked-memory trap: a site after it asks the host. */
export function markTouched(): void {
  touched = true;
}

/**
 * Whether the running routine must pass a scheduling point now. Cheap when
 * nothing was touched. The flag is global, not per context: a context
 * reaches a site or a kernel call before any other runs, and the host
 * forgets a context's exposure at either, so clearing it here loses nothing.
 */
function due(): boolean {
  if (!touched) return false;
  touched = false;
  return bridge().note(Note.PointDue, 0, undefined) === 1;
}

/** The site between two statements: whether to `await pass()` here. */
export function pointDue(): boolean {
  holding = undefined;
  return due();
}

/** The site before a store: holds `value` (the right-hand side); true if a point is due before storing it. */
export function hold(value: unknown): boolean {
  holding = value;
  return due();
}

/** The held value, when no point was due. */
export function held(): unknown {
  const value = holding;
  holding = undefined;
  return value;
}

/** The scheduling point: settles with the held value when the strategy runs the routine again. */
export function pass(): Promise<unknown> {
  const value = holding;
  holding = undefined;
  return pointCall(Op.SchedulingPoint, value);
}

/**
 * `target[key]++` and its kin (`delta` ±1, `prefix` for `++x`): reads the
 * field, and stores the new value now — or, if a point is due, holds the
 * store for {@link finish} after {@link pass}. True if a point is due.
 */
export function update(target: Record<PropertyKey, unknown>, key: PropertyKey, delta: number, prefix: boolean): boolean {
  const raw = target[key];
  const old = typeof raw === 'bigint' ? raw : Number(raw);
  const value = typeof old === 'bigint' ? old + BigInt(delta) : old + delta;
  const result = prefix ? value : old;
  if (!due()) {
    target[key] = value;
    holding = result;
    return false;
  }
  holding = Object.freeze({ target, key, value, result } satisfies DeferredStore);
  return true;
}

/** Completes an update held across a point: stores it, and gives the expression's value. */
export function finish(store: DeferredStore): unknown {
  store.target[store.key] = store.value;
  return store.result;
}
