import { Op } from '../protocol.js';
import { objectArg } from '../guest/args.js';
import { kcall } from '../guest/runtime.js';
import { KLOCK_QUEUE_HANDLE, KSPIN_LOCK } from '../objects/spin-lock.js';

/**
 * Acquires a spin lock as an in-stack queued spin lock. **IRQL ≤
 * DISPATCH_LEVEL.** Raises to DISPATCH_LEVEL; waiters are served first come,
 * first served. The previous IRQL is saved in `LockHandle`.
 *
 * `LockHandle` belongs to this one acquisition: a fresh local
 * (`const h = new KLOCK_QUEUE_HANDLE()`), passed to
 * {@link KeReleaseInStackQueuedSpinLock}. Never take the same lock with the
 * ordinary KeAcquireSpinLock routines (0xC4/0x1008).
 */
export function KeAcquireInStackQueuedSpinLock(SpinLock: KSPIN_LOCK, LockHandle: KLOCK_QUEUE_HANDLE): Promise<void> {
  const routine = 'KeAcquireInStackQueuedSpinLock';
  return kcall(
    Op.KeAcquireInStackQueuedSpinLock,
    objectArg(SpinLock, KSPIN_LOCK, routine, 'SpinLock'),
    objectArg(LockHandle, KLOCK_QUEUE_HANDLE, routine, 'LockHandle'),
  );
}

/**
 * Releases the queued spin lock recorded in `LockHandle` and restores the
 * IRQL saved there. **IRQL = DISPATCH_LEVEL.** Pass the handle the matching
 * {@link KeAcquireInStackQueuedSpinLock} filled in.
 */
export function KeReleaseInStackQueuedSpinLock(LockHandle: KLOCK_QUEUE_HANDLE): Promise<void> {
  return kcall(
    Op.KeReleaseInStackQueuedSpinLock,
    objectArg(LockHandle, KLOCK_QUEUE_HANDLE, 'KeReleaseInStackQueuedSpinLock', 'LockHandle'),
  );
}

/**
 * Acquires a queued spin lock when already at DISPATCH_LEVEL or above (a DPC,
 * or while holding another spin lock). **IRQL ≥ DISPATCH_LEVEL.** Does not
 * change IRQL. Pair it with
 * {@link KeReleaseInStackQueuedSpinLockFromDpcLevel} and the same handle.
 */
export function KeAcquireInStackQueuedSpinLockAtDpcLevel(SpinLock: KSPIN_LOCK, LockHandle: KLOCK_QUEUE_HANDLE): Promise<void> {
  const routine = 'KeAcquireInStackQueuedSpinLockAtDpcLevel';
  return kcall(
    Op.KeAcquireInStackQueuedSpinLockAtDpcLevel,
    objectArg(SpinLock, KSPIN_LOCK, routine, 'SpinLock'),
    objectArg(LockHandle, KLOCK_QUEUE_HANDLE, routine, 'LockHandle'),
  );
}

/**
 * Releases a queued spin lock taken with
 * {@link KeAcquireInStackQueuedSpinLockAtDpcLevel}. **IRQL ≥ DISPATCH_LEVEL.**
 * Does not change IRQL.
 */
export function KeReleaseInStackQueuedSpinLockFromDpcLevel(LockHandle: KLOCK_QUEUE_HANDLE): Promise<void> {
  return kcall(
    Op.KeReleaseInStackQueuedSpinLockFromDpcLevel,
    objectArg(LockHandle, KLOCK_QUEUE_HANDLE, 'KeReleaseInStackQueuedSpinLockFromDpcLevel', 'LockHandle'),
  );
}
