import { acquirerRoutine, where, type Check } from './check.js';

/** KeInitializeSpinLock on a lock that is already initialized, worst while it is held. */
export const reinitializedLock: Check = {
  id: 'reinitialized-lock',
  rule: 'Verifier 0xC4/0x1005',
  describe: 'KeInitializeSpinLock on a lock already initialized (worst while held)',
  create(sink) {
    // Where each lock was first initialized in this schedule: the advice names that place, not a fixed one.
    let first = new Map<string, string>();
    return {
      events: ['lock-init'],
      startSchedule() {
        first = new Map();
      },
      handle(event) {
        if (event.type !== 'lock-init') return;
        if (!event.wasInitialized) {
          first.set(event.lock.name, event.ctx?.routine ?? "the kernel");
          return;
        }
        const holder = event.lock.holder;
        const held = holder === null ? '' : `, while ${acquirerRoutine(holder)} on CPU ${holder.ctx.cpu.id} holds it — which frees it under that holder`;
        const where_ = first.get(event.lock.name);
        const once = where_ === undefined || where_ === event.ctx?.routine ? 'once, before anything can use it' : `once, in ${where_} (where it is first initialized), before anything can use it`;
        sink({
          check: 'reinitialized-lock',
          rule: 'Verifier 0xC4/0x1005',
          message: `KeInitializeSpinLock on ${event.lock.name}, which is already initialized${held}: initialize each spin lock exactly ${once} — never again, and never lazily in a routine that runs for every request.`,
          key: reinitializedKey(event.lock.name, holder !== null),
          lock: event.lock.name,
          seq: event.seq,
          ...where(event.ctx),
        });
      },
    };
  },
};

/** A re-initialization's finding key: the lock, and whether it was held (a race it causes names its group). */
export function reinitializedKey(lock: string, held: boolean): string {
  return `${lock}|${held ? 'held' : 'free'}`;
}
