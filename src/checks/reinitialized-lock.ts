import { where, type Check } from './check.js';

/** KeInitializeSpinLock on a lock that is already initialized, worst while it is held. */
export const reinitializedLock: Check = {
  id: 'reinitialized-lock',
  rule: 'Verifier 0xC4/0x1005',
  describe: 'KeInitializeSpinLock on a lock already initialized (worst while held)',
  create(sink) {
    return {
      events: ['lock-init'],
      handle(event) {
        if (event.type !== 'lock-init' || !event.wasInitialized) return;
        const holder = event.lock.holder;
        const held = holder === null ? '' : `, while ${holder.ctx.routine} on CPU ${holder.ctx.cpu.id} holds it`;
        sink({
          check: 'reinitialized-lock',
          rule: 'Verifier 0xC4/0x1005',
          message: `KeInitializeSpinLock on ${event.lock.name}, which is already initialized${held}: initialize each spin lock exactly once, in AddDevice, before the device can receive requests — never lazily in a dispatch routine.`,
          key: `${event.lock.name}|${holder === null ? 'free' : 'held'}`,
          lock: event.lock.name,
          seq: event.seq,
          ...where(event.ctx),
        });
      },
    };
  },
};
