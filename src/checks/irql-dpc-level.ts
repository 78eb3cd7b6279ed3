import { DISPATCH_LEVEL, irqlName } from '../kernel/irql.js';
import { LockFamily } from '../machine/index.js';
import { where, type Check } from './check.js';

/** An AtDpcLevel / FromDpcLevel routine called below DISPATCH_LEVEL. */
export const irqlDpcLevel: Check = {
  id: 'irql-dpc-level',
  rule: 'Verifier 0xC4/0x40, 0x41',
  describe: 'an *AtDpcLevel or *FromDpcLevel spin lock routine called below DISPATCH_LEVEL',
  create(sink) {
    return {
      events: ['acquire', 'release'],
      handle(event) {
        if (event.type !== 'acquire' && event.type !== 'release') return;
        if (event.family !== LockFamily.SpinDpc && event.family !== LockFamily.QueuedDpc) return;
        if (event.irql >= DISPATCH_LEVEL) return;
        const acquire = event.type === 'acquire';
        const pair = event.family === LockFamily.SpinDpc
          ? 'KeAcquireSpinLock / KeReleaseSpinLock'
          : 'KeAcquireInStackQueuedSpinLock / KeReleaseInStackQueuedSpinLock';
        sink({
          check: 'irql-dpc-level',
          rule: acquire ? 'Verifier 0xC4/0x40' : 'Verifier 0xC4/0x41',
          message: `${event.via} called at ${irqlName(event.irql)} in ${event.ctx.routine}: the AtDpcLevel and FromDpcLevel routines are only for code already at DISPATCH_LEVEL (a DPC, or while holding another spin lock). At PASSIVE_LEVEL use ${pair}.`,
          key: `${event.ctx.routine}|${event.via}|${event.lock.name}`,
          lock: event.lock.name,
          seq: event.seq,
          ...where(event.ctx),
        });
      },
    };
  },
};
