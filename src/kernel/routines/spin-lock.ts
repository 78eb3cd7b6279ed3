import type { KIRQL } from '../irql.js';
import { Op } from '../protocol.js';
import { irqlArg, objectArg } from '../guest/args.js';
import { kcall } from '../guest/runtime.js';
import { KSPIN_LOCK } from '../objects/spin-lock.js';

/**
 * Initializes an executive spin lock. **Any IRQL.**
 *
 * Call it once, on storage the driver provides (a device-extension field),
 * before any routine that takes the lock: KeAcquireSpinLock,
 * KeAcquireSpinLockAtDpcLevel, the in-stack queued routines, the
 * ExInterlocked routines, IoConnectInterrupt's SpinLock. Never initialize a
 * lock twice, and never one that may be held (Verifier 0xC4/0x1005).
 */
export function KeInitializeSpinLock(SpinLock: KSPIN_LOCK): Promise<void> {
  return kcall(Op.KeInitializeSpinLock, objectArg(SpinLock, KSPIN_LOCK, 'KeInitializeSpinLock', 'SpinLock'));
}

/**
 * Acquires an executive spin lock. **IRQL ≤ DISPATCH_LEVEL** (above it:
 * Verifier 0xC4/0x42 — never from an ISR).
 *
 * Raises IRQL to DISPATCH_LEVEL, spins until the lock is free, and returns
 * the previous IRQL. Pair it with {@link KeReleaseSpinLock}, passing back
 * exactly that value, on every path out of the routine.
 */
export function KeAcquireSpinLock(SpinLock: KSPIN_LOCK): Promise<KIRQL> {
  return kcall(Op.KeAcquireSpinLock, objectArg(SpinLock, KSPIN_LOCK, 'KeAcquireSpinLock', 'SpinLock'));
}

/**
 * Releases a spin lock taken with {@link KeAcquireSpinLock}. **IRQL =
 * DISPATCH_LEVEL** (else 0xC4/0x32 — often a double release).
 *
 * Releases the lock and lowers IRQL to `NewIrql`, which must be the value
 * the matching acquire returned (SDV IrqlKeReleaseSpinLock).
 */
export function KeReleaseSpinLock(SpinLock: KSPIN_LOCK, NewIrql: KIRQL): Promise<void> {
  return kcall(Op.KeReleaseSpinLock, objectArg(SpinLock, KSPIN_LOCK, 'KeReleaseSpinLock', 'SpinLock'), irqlArg(NewIrql));
}

/**
 * Acquires a spin lock when the caller is already at DISPATCH_LEVEL or above —
 * in a DPC, or while holding another spin lock. **IRQL ≥ DISPATCH_LEVEL**
 * (below it: 0xC4/0x40). Does not change IRQL.
 *
 * Pair it with {@link KeReleaseSpinLockFromDpcLevel}, never with
 * KeReleaseSpinLock.
 */
export function KeAcquireSpinLockAtDpcLevel(SpinLock: KSPIN_LOCK): Promise<void> {
  return kcall(
    Op.KeAcquireSpinLockAtDpcLevel,
    objectArg(SpinLock, KSPIN_LOCK, 'KeAcquireSpinLockAtDpcLevel', 'SpinLock'),
  );
}

/**
 * Releases a spin lock taken with {@link KeAcquireSpinLockAtDpcLevel}.
 * **IRQL ≥ DISPATCH_LEVEL** (below it: 0xC4/0x41). Does not change IRQL, so
 * releasing a KeAcquireSpinLock acquisition with it leaves IRQL raised.
 */
export function KeReleaseSpinLockFromDpcLevel(SpinLock: KSPIN_LOCK): Promise<void> {
  return kcall(
    Op.KeReleaseSpinLockFromDpcLevel,
    objectArg(SpinLock, KSPIN_LOCK, 'KeReleaseSpinLockFromDpcLevel', 'SpinLock'),
  );
}

/**
 * Tries once to acquire a spin lock when already at DISPATCH_LEVEL or above.
 * **IRQL ≥ DISPATCH_LEVEL.** Returns TRUE if it got the lock (release it with
 * {@link KeReleaseSpinLockFromDpcLevel}), FALSE if another CPU holds it.
 */
export function KeTryToAcquireSpinLockAtDpcLevel(SpinLock: KSPIN_LOCK): Promise<boolean> {
  return kcall(
    Op.KeTryToAcquireSpinLockAtDpcLevel,
    objectArg(SpinLock, KSPIN_LOCK, 'KeTryToAcquireSpinLockAtDpcLevel', 'SpinLock'),
  );
}
