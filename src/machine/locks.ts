/** Kernel-side state of spin locks and in-stack queued lock handles. */
import type { Context } from './context.js';
import type { Frame } from './frame.js';
import type { HostObject } from './memory.js';

/** How a lock was taken: which acquire routine (family) was used. */
export const enum LockFamily {
  /** KeAcquireSpinLock / KeReleaseSpinLock. */
  Spin = 1,
  /** KeAcquireSpinLockAtDpcLevel / KeReleaseSpinLockFromDpcLevel (and KeTryToAcquire…). */
  SpinDpc = 2,
  /** KeAcquireInStackQueuedSpinLock / KeReleaseInStackQueuedSpinLock. */
  Queued = 4,
  /** The AtDpcLevel / FromDpcLevel queued forms. */
  QueuedDpc = 8,
  /** Inside an ExInterlocked routine. */
  Interlocked = 16,
  /** As an interrupt spin lock: ISR delivery, KeSynchronizeExecution, KeAcquireInterruptSpinLock. */
  Interrupt = 32,
}

/** Routine names for each family's acquire and release, for messages. */
export const FAMILY_ROUTINES: Readonly<Record<number, { acquire: string; release: string }>> = {
  [LockFamily.Spin]: { acquire: 'KeAcquireSpinLock', release: 'KeReleaseSpinLock' },
  [LockFamily.SpinDpc]: { acquire: 'KeAcquireSpinLockAtDpcLevel', release: 'KeReleaseSpinLockFromDpcLevel' },
  [LockFamily.Queued]: { acquire: 'KeAcquireInStackQueuedSpinLock', release: 'KeReleaseInStackQueuedSpinLock' },
  [LockFamily.QueuedDpc]: {
    acquire: 'KeAcquireInStackQueuedSpinLockAtDpcLevel',
    release: 'KeReleaseInStackQueuedSpinLockFromDpcLevel',
  },
  [LockFamily.Interlocked]: { acquire: 'an ExInterlocked routine', release: 'an ExInterlocked routine' },
  [LockFamily.Interrupt]: { acquire: 'the interrupt spin lock', release: 'the interrupt spin lock' },
};

/** Whether a family's release restores a saved IRQL (rather than staying at DISPATCH_LEVEL). */
export function restoresIrql(family: LockFamily): boolean {
  return family === LockFamily.Spin || family === LockFamily.Queued || family === LockFamily.Interrupt;
}

/**
 * One holding of a lock, as its context believes it: it ends only when that
 * context releases the lock (the lock word may have been cleared under it
 * before). Its lock reuses the object for the next holding once it has
 * ended, so nothing may keep one after that.
 */
export interface Acquisition {
  readonly lock: LockState;
  ctx: Context;
  family: LockFamily;
  /** The routine frame that acquired it (held-at-return is judged per frame). */
  frame: Frame | null;
  /** Event sequence number of the acquire call (its source site). */
  seq: number;
  /** The IRQL the acquire handed back to the student (what its release must pass; what a queued handle restores). */
  returnedIrql: number;
  /** The queued-lock handle, for the in-stack queued families. */
  handle: HandleState | null;
}

/** A KSPIN_LOCK's kernel-side state. */
export class LockState {
  initialized = false;
  /** The lock word: the holding that last took it, or null when free. */
  holder: Acquisition | null = null;
  /** Contexts spinning on this lock. */
  readonly waiters: Context[] = [];
  /** Bitmask of every {@link LockFamily} this lock has been taken with in this schedule. */
  familiesUsed = 0;
  /** Whether IoConnectInterrupt made this lock an interrupt spin lock. */
  interruptLock = false;
  /** For an interrupt object's own lock: the object (no KSPIN_LOCK storage exists). */
  readonly owned: boolean;
  /** The last released holding, reused for the next one (a lock has at most one holder). */
  spare: Acquisition | null = null;

  constructor(readonly object: HostObject, owned = false) {
    this.owned = owned;
    if (owned) this.initialized = true;
  }

  /** The lock's name: the path of its storage (`ext.Lock`). */
  get name(): string {
    return this.object.path;
  }

  private cachedNames: readonly string[] = [];

  /** `[name]`, kept while the name does not change (a lockset of this lock alone). */
  get names(): readonly string[] {
    if (this.cachedNames[0] !== this.object.path) this.cachedNames = Object.freeze([this.object.path]);
    return this.cachedNames;
  }
}

/** A KLOCK_QUEUE_HANDLE's kernel-side state. */
export class HandleState {
  /** The acquisition this handle records, while it holds a lock. */
  acquisition: Acquisition | null = null;
  /** The lock it last held, once released (a second release names it). */
  lastLock: LockState | null = null;
  /** Ids of every context that has used this handle in this schedule. */
  readonly users = new Set<number>();
  constructor(readonly object: HostObject) {}

  get name(): string {
    return this.object.path;
  }
}
