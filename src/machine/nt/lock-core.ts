/**
 * Taking and releasing spin locks, shared by every routine that does it
 * (Ke*SpinLock, queued locks, ExInterlocked, interrupt locks).
 *
 * Spinning is blocking: a context whose lock is held on another CPU spends
 * no steps until the holder releases it, and none while another spinner
 * takes it first (see Context.spinningOn). A lock held on the *same* CPU can
 * never be released (the holder cannot run): that is a self-deadlock, and
 * the schedule stops, as the real machine would hang.
 *
 * A lock is a word, as on the real machine: a release clears it whoever
 * holds it, and a holding ends only by its own context's release. So a
 * routine that returns holding a lock keeps it (later acquirers spin), and
 * a release by the wrong code frees the lock under its holder.
 */
import type { Context } from '../context.js';
import type { Execution } from '../execution.js';
import type { Acquisition, HandleState, LockFamily, LockState } from '../locks.js';

/** The result of trying to take a lock. */
export type AcquireResult = 'acquired' | 'spin' | 'stopped';

/**
 * Takes `lock` for `ctx` if it is free; otherwise makes `ctx` spin on it (or
 * stops the schedule on a self-deadlock or a deadlock cycle).
 * `oldIrql` is what the acquire hands back (the IRQL before it raised).
 */
export function acquireLock(
  x: Execution,
  ctx: Context,
  lock: LockState,
  family: LockFamily,
  via: string,
  seq: number,
  oldIrql: number,
  handle: HandleState | null,
): AcquireResult {
  const holder = lock.holder;
  if (holder === null) {
    takeLock(x, ctx, lock, family, via, seq, oldIrql, handle);
    return 'acquired';
  }
  if (holder.ctx.cpu === ctx.cpu) {
    x.stop({ kind: 'self-deadlock', ctx, lock });
    return 'stopped';
  }
  ctx.spinningOn = lock;
  if (!lock.waiters.includes(ctx)) lock.waiters.push(ctx);
  ctx.state = 'blocked';
  const cycle = deadlockCycle(ctx);
  if (cycle !== null) {
    x.stop({ kind: 'deadlock', cycle, spinning: x.contexts.filter((c) => c.spinningOn !== null && !c.done) });
    return 'stopped';
  }
  return 'spin';
}

/** An acquire call by `ctx` starts (the `acquire` event): its family counts as used by the calling frame, taken or not. */
export function announceAcquire(
  x: Execution,
  ctx: Context,
  lock: LockState,
  family: LockFamily,
  via: string,
  handle: HandleState | null,
  irql: number,
  seq: number,
): void {
  const frame = ctx.frame;
  if (frame !== null) frame.familiesUsed |= family;
  x.bus.acquire('acquire', ctx, lock, family, via, handle, irql, seq);
}

/** Records `ctx` as the holder of the free lock `lock`. */
export function takeLock(
  x: Execution,
  ctx: Context,
  lock: LockState,
  family: LockFamily,
  via: string,
  seq: number,
  oldIrql: number,
  handle: HandleState | null,
): Acquisition {
  // A lock has at most one holder: its last released holding is reused for the next one.
  const acquisition = lock.spare ?? { lock, ctx, family, frame: ctx.frame, seq, returnedIrql: oldIrql, handle };
  lock.spare = null;
  acquisition.ctx = ctx;
  acquisition.family = family;
  acquisition.frame = ctx.frame;
  acquisition.seq = seq;
  acquisition.returnedIrql = oldIrql;
  acquisition.handle = handle;
  lock.holder = acquisition;
  lock.familiesUsed |= family;
  ctx.spinningOn = null;
  const waiting = lock.waiters.indexOf(ctx);
  if (waiting >= 0) removeAt(lock.waiters, waiting);
  ctx.held.push(acquisition);
  ctx.refreshHeld();
  acquisition.frame?.acquisitions.push(acquisition);
  if (handle !== null) handle.acquisition = acquisition;
  x.bus.sync('acquire', ctx, lock);
  x.bus.acquire('acquired', ctx, lock, family, via, handle, ctx.irql, seq);
  return acquisition;
}

/** `ctx`'s own holding of `lock` — what it believes it holds (the innermost, if it took it twice) — or null. */
export function ownAcquisition(ctx: Context, lock: LockState): Acquisition | null {
  const held = ctx.held;
  for (let i = held.length - 1; i >= 0; i--) if (held[i]!.lock === lock) return held[i]!;
  return null;
}

/**
 * Releases `lock` as the real machine does: the lock word is cleared,
 * whoever holds it; `own` — the releaser's holding, if it has one — ends;
 * the spinners wake. A holding of another context (a double release by the
 * wrong code, a re-initialized lock) stays in that context's held list: it
 * still believes it holds the lock, and two holders can follow.
 */
export function releaseLock(x: Execution, releaser: Context, lock: LockState, own: Acquisition | null): void {
  if (own !== null) {
    const held = releaser.held;
    const at = lastIndex(held, own);
    if (at >= 0) {
      removeAt(held, at);
      releaser.refreshHeld();
    }
    const frameHeld = own.frame?.acquisitions;
    if (frameHeld !== undefined) {
      const index = lastIndex(frameHeld, own);
      if (index >= 0) removeAt(frameHeld, index);
    }
    if (own.handle !== null && own.handle.acquisition === own) {
      own.handle.acquisition = null;
      own.handle.lastLock = lock;
    }
  }
  lock.holder = null;
  x.bus.sync('release', releaser, lock);
  // Only a holding nothing refers to any more is reused for the next one.
  if (own !== null) lock.spare = own;
  // Spinners stay waiters until they take the lock (see Context.spinningOn).
  const waiters = lock.waiters;
  for (let i = 0; i < waiters.length; i++) x.wake(waiters[i]!);
}

/** Frees `lock`'s word without ending anyone's holding (KeInitializeSpinLock on a held lock). */
export function clearLock(x: Execution, ctx: Context, lock: LockState): void {
  if (lock.holder === null) return;
  releaseLock(x, ctx, lock, null);
}

/** Where `item` last is in `array` (locks are released in order almost always: the last entry is looked at first). */
function lastIndex<T>(array: readonly T[], item: T): number {
  const last = array.length - 1;
  return last >= 0 && array[last] === item ? last : array.lastIndexOf(item);
}

/** Removes entry `at` in place (splice would allocate the array of removed elements; taking and releasing locks is hot). */
function removeAt<T>(array: T[], at: number): void {
  for (let i = at + 1; i < array.length; i++) array[i - 1] = array[i]!;
  array.pop();
}

/** The longest wait-for chain followed (far more contexts than a scenario has). */
const MAX_CYCLE = 64;

/**
 * The wait-for cycle through `start`, if one exists: `start` spins on a lock
 * whose holder spins on a lock … held by `start`.
 */
export function deadlockCycle(start: Context): Context[] | null {
  // Walk the wait-for chain first without allocating: most spins end at a running holder.
  let length = 0;
  for (let current = start; length < MAX_CYCLE; length++) {
    const holder = current.spinningOn?.holder?.ctx;
    if (holder === undefined) return null;
    if (holder === start) break;
    current = holder;
  }
  if (length === MAX_CYCLE) return null;
  const cycle: Context[] = [start];
  for (let current = start; cycle.length <= length; ) {
    current = current.spinningOn!.holder!.ctx;
    cycle.push(current);
  }
  return cycle;
}

/**
 * Takes a lock from a host body (ISR delivery): spins through scheduling
 * points until it is free. Resolves false if the schedule stopped.
 */
export async function acquireInBody(
  x: Execution,
  ctx: Context,
  lock: LockState,
  family: LockFamily,
  via: string,
  seq: number,
): Promise<boolean> {
  announceAcquire(x, ctx, lock, family, via, null, ctx.irql, seq);
  for (;;) {
    const result = acquireLock(x, ctx, lock, family, via, seq, ctx.irql, null);
    if (result === 'acquired') return true;
    if (result === 'stopped') return false;
    await x.block(ctx, `spin on ${lock.name}`);
    if (x.over) return false;
  }
}
