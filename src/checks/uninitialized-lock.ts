import { LockFamily, type LockState } from '../machine/index.js';
import { where, type Check } from './check.js';

/** A support routine got a spin lock that KeInitializeSpinLock never initialized. */
export const uninitializedLock: Check = {
  id: 'uninitialized-lock',
  rule: 'Verifier 0xC4/0x1002',
  describe: 'a spin lock used (acquired, by an ExInterlocked routine, or as IoConnectInterrupt’s SpinLock) before KeInitializeSpinLock',
  create(sink) {
    let reported = new WeakSet<LockState>();
    return {
      events: ['acquire', 'lock-use'],
      startSchedule() {
        reported = new WeakSet();
      },
      handle(event) {
        if (event.type !== 'acquire' && event.type !== 'lock-use') return;
        const lock = event.lock;
        if (lock.initialized || reported.has(lock)) return;
        if (event.type === 'acquire' && event.family === LockFamily.Interrupt && lock.owned) return;
        reported.add(lock);
        const connect = event.type === 'lock-use';
        sink({
          check: 'uninitialized-lock',
          rule: connect ? 'Verifier 0xC4/0x1002; WDK Initializing Spin Locks' : 'Verifier 0xC4/0x1002',
          message: connect
            ? `IoConnectInterrupt was given ${lock.name} as its SpinLock before KeInitializeSpinLock: a driver that provides the interrupt spin lock's storage must initialize it before connecting the interrupt.`
            : `${event.via} used ${lock.name} before KeInitializeSpinLock: initialize every spin lock once, in AddDevice, before any routine takes it.`,
          key: `${lock.name}|${event.via}`,
          lock: lock.name,
          seq: event.seq,
          ...where(event.ctx),
        });
      },
    };
  },
};
