/**
 * Where a lock was freed under its holder in one schedule: KeInitializeSpinLock
 * on a held lock, or a release by code that does not hold it (a second
 * release, or one with no acquire). The holder still believes it holds the
 * lock, the next acquirer takes it too, and their accesses race although
 * both hold it: the race's cause is the theft, not the accesses.
 */
import type { Context, MachineEvent } from '../machine/index.js';
import { acquirerRoutine } from './check.js';
import { findingId, type FindingCause } from './finding.js';
import { reinitializedKey } from './reinitialized-lock.js';
import { wrongReleaserKey } from './wrong-releaser.js';

/** One freeing of a held lock by code that did not hold it. */
export interface Theft {
  readonly cause: Extract<FindingCause, 'lock-reinitialized-while-held' | 'lock-released-not-held'>;
  readonly lock: string;
  /** The context that freed it (null: the kernel), at event `seq`, in routine `by`. */
  readonly ctx: Context | null;
  readonly seq: number;
  readonly by: string;
  /** The holder it was freed under, and the routine that took it. */
  readonly holder: Context;
  readonly victim: string;
  /** The group id (`check|key`) of the finding that reports the theft itself. */
  readonly causedBy: string;
}

/** The thefts of one schedule, by lock. */
export class LockThefts {
  private byLock = new Map<string, Theft[]>();

  startSchedule(): void {
    if (this.byLock.size > 0) this.byLock = new Map();
  }

  /** Reads a `lock-init` or `release` event (the lock word is still the holder's: both are sent before the machine clears it). */
  handle(event: MachineEvent): void {
    if (event.type === 'lock-init') {
      const holder = event.lock.holder;
      if (holder === null) return;
      const lock = event.lock.name;
      this.add({ cause: 'lock-reinitialized-while-held', lock, ctx: event.ctx, seq: event.seq, by: event.ctx?.routine ?? 'the kernel', holder: holder.ctx, victim: acquirerRoutine(holder), causedBy: findingId('reinitialized-lock', reinitializedKey(lock, true)) });
      return;
    }
    if (event.type !== 'release') return;
    const holder = event.lock.holder;
    if (event.own !== null || holder === null || holder.ctx === event.ctx) return;
    const lock = event.lock.name;
    this.add({ cause: 'lock-released-not-held', lock, ctx: event.ctx, seq: event.seq, by: event.ctx.routine, holder: holder.ctx, victim: acquirerRoutine(holder), causedBy: findingId('wrong-releaser', wrongReleaserKey(lock, event.ctx, holder)) });
  }

  /** The latest theft of one of `locks` from `a` or `b` (the two holders of a race), or null. */
  between(locks: readonly string[], a: Context, b: Context): Theft | null {
    if (this.byLock.size === 0) return null;
    let found: Theft | null = null;
    for (const lock of locks) {
      for (const theft of this.byLock.get(lock) ?? []) {
        if ((theft.holder === a || theft.holder === b) && (found === null || theft.seq > found.seq)) found = theft;
      }
    }
    return found;
  }

  private add(theft: Theft): void {
    const list = this.byLock.get(theft.lock);
    if (list === undefined) this.byLock.set(theft.lock, [theft]);
    else list.push(theft);
  }
}
