import { DISPATCH_LEVEL, irqlName } from '../kernel/irql.js';
import { where, type Check } from './check.js';

/** IoCompleteRequest, a blocking wait, or a paged allocation while holding a spin lock or at raised IRQL. */
export const unsafeUnderLock: Check = {
  id: 'unsafe-under-lock',
  rule: 'SDV SpinLockSafe, IrqlExAllocatePool',
  describe: 'IoCompleteRequest, a blocking wait, or a paged allocation while holding a spin lock (or, for waits and paged pool, at DISPATCH_LEVEL)',
  create(sink) {
    return {
      events: ['unsafe-call'],
      handle(event) {
        if (event.type !== 'unsafe-call') return;
        const locks = event.ctx.heldNames;
        const completing = event.what === 'IoCompleteRequest';
        const tooHigh = completing ? event.irql > DISPATCH_LEVEL : event.irql >= DISPATCH_LEVEL;
        if (locks.length === 0 && !tooHigh) return;
        const why = locks.length > 0 ? `while holding ${locks.join(' and ')}` : `at ${irqlName(event.irql)}`;
        const advice = completing
          ? 'completion runs other drivers’ code and may re-enter yours: release the lock first, then complete the IRP'
          : event.what === 'KeWaitForSingleObject'
            ? 'a thread holding a spin lock (or at DISPATCH_LEVEL) must never block: wait only at PASSIVE_LEVEL with no lock held'
            : 'paged memory may fault, which is fatal at DISPATCH_LEVEL: allocate nonpaged pool, or allocate before taking the lock';
        sink({
          check: 'unsafe-under-lock',
          rule: completing || event.what === 'KeWaitForSingleObject' ? 'SDV SpinLockSafe' : 'SDV IrqlExAllocatePool',
          message: `${event.ctx.routine} calls ${event.what} ${why}: ${advice}.`,
          key: `${event.ctx.routine}|${event.what}`,
          seq: event.seq,
          locks,
          lock: locks[0],
          ...where(event.ctx),
        });
      },
    };
  },
};
