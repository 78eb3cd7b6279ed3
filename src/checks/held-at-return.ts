import { FAMILY_ROUTINES, LockFamily } from '../machine/index.js';
import { related, where, type Check } from './check.js';

const SDV_RULE: Readonly<Record<number, string>> = {
  [LockFamily.Spin]: 'SDV SpinLock',
  [LockFamily.SpinDpc]: 'SDV SpinLockDpc',
  [LockFamily.Queued]: 'SDV QueuedSpinLockRelease',
  [LockFamily.QueuedDpc]: 'SDV QueuedSpinLockRelease',
  [LockFamily.Interrupt]: 'SDV SpinLock',
  [LockFamily.Interlocked]: 'SDV SpinLock',
};

/** A routine returns still holding a lock it acquired. */
export const heldAtReturn: Check = {
  id: 'held-at-return',
  rule: 'SDV SpinLock, SpinLockDpc, QueuedSpinLockRelease',
  describe: 'a dispatch routine, DPC, ISR or other routine returns still holding a spin lock it acquired',
  create(sink) {
    return {
      events: ['frame-return'],
      handle(event) {
        if (event.type !== 'frame-return') return;
        for (const acquisition of event.frame.acquisitions) {
          const routines = FAMILY_ROUTINES[acquisition.family]!;
          const last = event.frame.lastEventSeq;
          sink({
            check: 'held-at-return',
            rule: SDV_RULE[acquisition.family] ?? 'SDV SpinLock',
            message: `${event.frame.routine} returns still holding ${acquisition.lock.name} (taken with ${routines.acquire}), and the lock stays held: every later acquirer spins forever. Call ${routines.release} on every path out of the routine — early returns and error paths too.`,
            key: heldAtReturnKey(event.frame.routine, acquisition.lock.name),
            lock: acquisition.lock.name,
            // Located at the return the routine took (after the last place it was seen), with the acquire beside it.
            seq: last >= 0 ? last : acquisition.seq,
            ...(last >= 0 ? { returnOf: event.frame.routine } : {}),
            related: [related(`${acquisition.lock.name} acquired here`, event.ctx, acquisition.seq, { routine: event.frame.routine })],
            ...where(event.ctx),
            routine: event.frame.routine,
          });
        }
      },
    };
  },
};

/** A held-at-return finding's key: the routine that returned and the lock it held (a hang it causes names its group). */
export function heldAtReturnKey(routine: string, lock: string): string {
  return `${routine}|${lock}`;
}
