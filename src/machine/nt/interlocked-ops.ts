/**
 * The ExInterlocked routines: take the caller's spin lock with interrupts
 * masked, do one list operation, release. Callable at any IRQL.
 */
import { HIGH_LEVEL } from '../../kernel/irql.js';
import { Op, Refusal } from '../../kernel/protocol.js';
import type { PendingCall } from '../context.js';
import { OpStatus, type OpHandler } from '../execution.js';
import { LockFamily, type LockState } from '../locks.js';
import type { HostObject } from '../memory.js';
import { KernelAccess, insertList, popEntryList, pushEntryList, removeHeadList } from './host-lists.js';
import { acquireLock, announceAcquire, ownAcquisition, releaseLock } from './lock-core.js';
import { lockOf } from './states.js';

/** What an interlocked op does once it holds the lock; returns the object to hand back, or a number. */
type ListWork = (k: KernelAccess, head: HostObject, entry: HostObject | undefined, call: PendingCall) => HostObject | number | null;

function interlocked(routine: string, lockArg: 'b' | 'c' | 'd', takesEntry: boolean, work: ListWork): OpHandler {
  return (x, ctx, call) => {
    const head = x.memory.get(call.a);
    const entry = takesEntry ? x.memory.get(call.b) : undefined;
    const lock: LockState | undefined = lockOf(x, call[lockArg]);
    if (head === undefined || lock === undefined || (takesEntry && entry === undefined)) {
      return x.failCall(ctx, call, Refusal.BadArgument, `${routine}: bad list head, entry or lock.`);
    }
    if (call.phase === 0) {
      x.emit({ type: 'interlocked', ctx, head: head.id, headName: head.path, lock, via: routine, seq: call.seq });
      announceAcquire(x, ctx, lock, LockFamily.Interlocked, routine, null, ctx.irql, call.seq);
      call.saved = ctx.irql;
      ctx.irql = HIGH_LEVEL;
      call.phase = 1;
    }
    const result = acquireLock(x, ctx, lock, LockFamily.Interlocked, routine, call.seq, call.saved as number, null);
    if (result === 'spin') return OpStatus.Blocked;
    if (result === 'stopped') return OpStatus.Settled;
    const value = work(new KernelAccess(x, ctx, call.seq), head, entry, call);
    releaseLock(x, ctx, lock, ownAcquisition(ctx, lock));
    ctx.irql = call.saved as number;
    if (typeof value === 'number') return x.returns(value);
    return value === null ? x.returns(null) : x.returns(value.id, true);
  };
}

/** The ExInterlocked ops. */
export const interlockedOps: Readonly<Record<number, OpHandler>> = {
  [Op.ExInterlockedInsertHeadList]: interlocked('ExInterlockedInsertHeadList', 'c', true, (k, head, entry) =>
    insertList(k, head, entry!, false),
  ),
  [Op.ExInterlockedInsertTailList]: interlocked('ExInterlockedInsertTailList', 'c', true, (k, head, entry) =>
    insertList(k, head, entry!, true),
  ),
  [Op.ExInterlockedRemoveHeadList]: interlocked('ExInterlockedRemoveHeadList', 'b', false, (k, head) => removeHeadList(k, head)),
  [Op.ExInterlockedPushEntryList]: interlocked('ExInterlockedPushEntryList', 'c', true, (k, head, entry) =>
    pushEntryList(k, head, entry!),
  ),
  [Op.ExInterlockedPopEntryList]: interlocked('ExInterlockedPopEntryList', 'b', false, (k, head) => popEntryList(k, head)),
  [Op.ExInterlockedAddUlong]: interlocked('ExInterlockedAddUlong', 'd', false, (k, object, _entry, call) => {
    const field = String(call.b);
    const before = k.number(object, field);
    k.set(object, field, (before + Number(call.c)) >>> 0);
    return before;
  }),
};
