/** KeInitializeSpinLock and the executive spin lock routines. */
import { DISPATCH_LEVEL, isIrql } from '../../kernel/irql.js';
import { Op, Refusal } from '../../kernel/protocol.js';
import type { Context, PendingCall } from '../context.js';
import { OpStatus, type Execution, type OpHandler } from '../execution.js';
import { LockFamily, type LockState } from '../locks.js';
import { irqlViolation } from './bug-checks.js';
import { acquireLock, announceAcquire, clearLock, ownAcquisition, releaseLock } from './lock-core.js';
import { lockOf } from './states.js';

/** Phase of an acquire: 0 = not started; 1 = IRQL raised, spinning. */
const RAISED = 1;

function lockArg(x: Execution, ctx: Context, call: PendingCall, routine: string): LockState | undefined {
  const lock = lockOf(x, call.a);
  if (lock === undefined) x.failCall(ctx, call, Refusal.BadArgument, `${routine}: SpinLock is not a KSPIN_LOCK.`);
  return lock;
}

const initialize: OpHandler = (x, ctx, call) => {
  const lock = lockArg(x, ctx, call, 'KeInitializeSpinLock');
  if (lock === undefined) return OpStatus.Settled;
  x.emit({ type: 'lock-init', ctx, lock, wasInitialized: lock.initialized, seq: call.seq });
  // KeInitializeSpinLock writes the lock word: a held lock becomes free under its holder.
  clearLock(x, ctx, lock);
  lock.initialized = true;
  return x.returns(undefined);
};

/** The shared body of KeAcquireSpinLock and KeAcquireSpinLockAtDpcLevel. */
function acquire(x: Execution, ctx: Context, call: PendingCall, family: LockFamily, routine: string): OpStatus {
  const lock = lockArg(x, ctx, call, routine);
  if (lock === undefined) return OpStatus.Settled;
  if (call.phase === 0) {
    const irql = ctx.irql;
    announceAcquire(x, ctx, lock, family, routine, null, irql, call.seq);
    if (family === LockFamily.Spin ? irql > DISPATCH_LEVEL : irql < DISPATCH_LEVEL) {
      return irqlViolation(x, ctx, family === LockFamily.Spin ? 'irql-acquire' : 'irql-dpc-level', routine, irql);
    }
    call.saved = irql;
    if (family === LockFamily.Spin) ctx.irql = DISPATCH_LEVEL;
    call.phase = RAISED;
  }
  const result = acquireLock(x, ctx, lock, family, routine, call.seq, call.saved as number, null);
  if (result === 'spin') return OpStatus.Blocked;
  if (result === 'stopped') return OpStatus.Settled;
  return family === LockFamily.Spin ? x.returns(call.saved as number) : x.returns(undefined);
}

/**
 * The shared body of KeReleaseSpinLock and KeReleaseSpinLockFromDpcLevel: the
 * lock word is cleared (whoever holds it), and KeReleaseSpinLock lowers IRQL
 * to the NewIrql it is passed — right or wrong, as the real routine does.
 */
function release(x: Execution, ctx: Context, call: PendingCall, family: LockFamily, routine: string): OpStatus {
  const lock = lockArg(x, ctx, call, routine);
  if (lock === undefined) return OpStatus.Settled;
  const irql = ctx.irql;
  const newIrql = family === LockFamily.Spin ? irqlArg(call.b) : -1;
  const own = ownAcquisition(ctx, lock);
  x.bus.release(ctx, lock, family, routine, null, own, irql, newIrql, call.seq);
  if (family === LockFamily.SpinDpc && irql < DISPATCH_LEVEL) {
    return irqlViolation(x, ctx, 'irql-dpc-level', routine, irql);
  }
  releaseLock(x, ctx, lock, own);
  if (family === LockFamily.Spin) ctx.irql = lowerTo(newIrql, irql);
  return x.returns(undefined);
}

/** A release's NewIrql (KeReleaseSpinLock, KeReleaseInterruptSpinLock) as a number: -2 when it is not an IRQL at all (a Promise: a missing await on the acquire). */
export function irqlArg(value: unknown): number {
  return isIrql(value) ? value : -2;
}

/**
 * The IRQL after a release that lowers to `newIrql` (KeReleaseSpinLock,
 * KeReleaseInterruptSpinLock): the value passed, when it is an IRQL no
 * higher than the current one; otherwise IRQL stays (the wrong value is
 * reported by irql-restore).
 */
export function lowerTo(newIrql: number, current: number): number {
  return newIrql >= 0 && newIrql <= current ? newIrql : current;
}

const tryAcquire: OpHandler = (x, ctx, call) => {
  const routine = 'KeTryToAcquireSpinLockAtDpcLevel';
  const lock = lockArg(x, ctx, call, routine);
  if (lock === undefined) return OpStatus.Settled;
  const irql = ctx.irql;
  announceAcquire(x, ctx, lock, LockFamily.SpinDpc, routine, null, irql, call.seq);
  if (irql < DISPATCH_LEVEL) return irqlViolation(x, ctx, 'irql-dpc-level', routine, irql);
  if (lock.holder !== null) return x.returns(false);
  acquireLock(x, ctx, lock, LockFamily.SpinDpc, routine, call.seq, irql, null);
  return x.returns(true);
};

/** The executive spin lock ops. */
export const spinLockOps: Readonly<Record<number, OpHandler>> = {
  [Op.KeInitializeSpinLock]: initialize,
  [Op.KeAcquireSpinLock]: (x, ctx, call) => acquire(x, ctx, call, LockFamily.Spin, 'KeAcquireSpinLock'),
  [Op.KeAcquireSpinLockAtDpcLevel]: (x, ctx, call) => acquire(x, ctx, call, LockFamily.SpinDpc, 'KeAcquireSpinLockAtDpcLevel'),
  [Op.KeReleaseSpinLock]: (x, ctx, call) => release(x, ctx, call, LockFamily.Spin, 'KeReleaseSpinLock'),
  [Op.KeReleaseSpinLockFromDpcLevel]: (x, ctx, call) =>
    release(x, ctx, call, LockFamily.SpinDpc, 'KeReleaseSpinLockFromDpcLevel'),
  [Op.KeTryToAcquireSpinLockAtDpcLevel]: tryAcquire,
};
