/** The in-stack queued spin lock routines. */
import { DISPATCH_LEVEL } from '../../kernel/irql.js';
import { Op, Refusal } from '../../kernel/protocol.js';
import type { Context, PendingCall } from '../context.js';
import { OpStatus, type Execution, type OpHandler } from '../execution.js';
import { LockFamily } from '../locks.js';
import { irqlViolation } from './bug-checks.js';
import { acquireLock, announceAcquire, releaseLock } from './lock-core.js';
import { lowerTo } from './spin-lock-ops.js';
import { handleOf, lockOf } from './states.js';

function acquire(x: Execution, ctx: Context, call: PendingCall, family: LockFamily, routine: string): OpStatus {
  const lock = lockOf(x, call.a);
  const handle = handleOf(x, call.b);
  if (lock === undefined || handle === undefined) {
    return x.failCall(ctx, call, Refusal.BadArgument, `${routine}: expected a KSPIN_LOCK and a KLOCK_QUEUE_HANDLE.`);
  }
  if (call.phase === 0) {
    const irql = ctx.irql;
    announceAcquire(x, ctx, lock, family, routine, handle, irql, call.seq);
    if (family === LockFamily.Queued ? irql > DISPATCH_LEVEL : irql < DISPATCH_LEVEL) {
      return irqlViolation(x, ctx, family === LockFamily.Queued ? 'irql-acquire' : 'irql-dpc-level', routine, irql);
    }
    call.saved = irql;
    if (family === LockFamily.Queued) ctx.irql = DISPATCH_LEVEL;
    call.phase = 1;
  }
  const result = acquireLock(x, ctx, lock, family, routine, call.seq, call.saved as number, handle);
  if (result === 'spin') return OpStatus.Blocked;
  if (result === 'stopped') return OpStatus.Settled;
  return x.returns(undefined);
}

function release(x: Execution, ctx: Context, call: PendingCall, family: LockFamily, routine: string): OpStatus {
  const handle = handleOf(x, call.a);
  if (handle === undefined) return x.failCall(ctx, call, Refusal.BadArgument, `${routine}: LockHandle is not a KLOCK_QUEUE_HANDLE.`);
  const irql = ctx.irql;
  const acquisition = handle.acquisition;
  if (acquisition === null) {
    x.emit({ type: 'handle-misuse', ctx, handle, via: routine, seq: call.seq });
    return x.returns(undefined);
  }
  // The handle names the holding; it is the releaser's own only if the releaser took it (a shared handle is another's).
  const own = ctx.held.includes(acquisition) ? acquisition : null;
  x.bus.release(ctx, acquisition.lock, family, routine, handle, own, irql, -1, call.seq);
  if (family === LockFamily.QueuedDpc && irql < DISPATCH_LEVEL) return irqlViolation(x, ctx, 'irql-dpc-level', routine, irql);
  releaseLock(x, ctx, acquisition.lock, own);
  // The non-DPC release restores the IRQL saved in the handle, whatever else is held; the FromDpcLevel form leaves IRQL alone.
  if (family === LockFamily.Queued) ctx.irql = lowerTo(acquisition.returnedIrql, irql);
  return x.returns(undefined);
}

/** The in-stack queued spin lock ops. */
export const queuedLockOps: Readonly<Record<number, OpHandler>> = {
  [Op.KeAcquireInStackQueuedSpinLock]: (x, ctx, call) => acquire(x, ctx, call, LockFamily.Queued, 'KeAcquireInStackQueuedSpinLock'),
  [Op.KeAcquireInStackQueuedSpinLockAtDpcLevel]: (x, ctx, call) =>
    acquire(x, ctx, call, LockFamily.QueuedDpc, 'KeAcquireInStackQueuedSpinLockAtDpcLevel'),
  [Op.KeReleaseInStackQueuedSpinLock]: (x, ctx, call) => release(x, ctx, call, LockFamily.Queued, 'KeReleaseInStackQueuedSpinLock'),
  [Op.KeReleaseInStackQueuedSpinLockFromDpcLevel]: (x, ctx, call) =>
    release(x, ctx, call, LockFamily.QueuedDpc, 'KeReleaseInStackQueuedSpinLockFromDpcLevel'),
};
