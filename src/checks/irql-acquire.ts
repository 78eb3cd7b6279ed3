import { DISPATCH_LEVEL, irqlName } from '../kernel/irql.js';
import { LockFamily } from '../machine/index.js';
import { where, type Check } from './check.js';

/** KeAcquireSpinLock or KeAcquireInStackQueuedSpinLock above DISPATCH_LEVEL (an ISR, say). */
export const irqlAcquire: Check = {
  id: 'irql-acquire',
  rule: 'Verifier 0xC4/0x42; SDV IrqlKeDispatchLte',
  describe: 'KeAcquireSpinLock or KeAcquireInStackQueuedSpinLock called above DISPATCH_LEVEL (from an ISR, say)',
  create(sink) {
    return {
      events: ['acquire'],
      handle(event) {
        if (event.type !== 'acquire' || event.irql <= DISPATCH_LEVEL) return;
        if (event.family !== LockFamily.Spin && event.family !== LockFamily.Queued) return;
        const inIsr = event.ctx.kind === 'isr' || event.ctx.frame?.kind === 'synch';
        sink({
          check: 'irql-acquire',
          rule: 'Verifier 0xC4/0x42; SDV IrqlKeDispatchLte',
          message: `${event.via} called at ${irqlName(event.irql)} in ${event.ctx.routine}: it requires IRQL ≤ DISPATCH_LEVEL. ${inIsr ? 'An ISR or SynchCritSection routine must not take executive spin locks — share data with the ISR through KeSynchronizeExecution instead.' : 'Lower IRQL first, or take the lock before raising.'}`,
          key: `${event.ctx.routine}|${event.via}|${event.lock.name}`,
          lock: event.lock.name,
          seq: event.seq,
          ...where(event.ctx),
        });
      },
    };
  },
};
