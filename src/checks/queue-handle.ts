import type { HandleState } from '../machine/index.js';
import { LockFamily } from '../machine/index.js';
import { groupingPath, related, where, type Check } from './check.js';

/** A KLOCK_QUEUE_HANDLE used by two acquisitions, shared across contexts, or not the one the acquire filled in. */
export const queueHandle: Check = {
  id: 'queue-handle',
  rule: 'WDK KeAcquireInStackQueuedSpinLock',
  describe: 'a KLOCK_QUEUE_HANDLE in use by two acquisitions, shared across contexts, or a different handle at release',
  create(sink) {
    let users = new WeakMap<HandleState, { ctx: number; routine: string; cpu: number }>();
    let reported = new Set<string>();
    return {
      events: ['acquire', 'handle-misuse'],
      startSchedule() {
        users = new WeakMap();
        reported = new Set();
      },
      handle(event) {
        if (event.type === 'handle-misuse') {
          // Local handles are numbered per call: group by where and how, not by which handle.
          const lock = event.handle.lastLock?.name;
          const key = `unused|${event.ctx.routine}|${event.via}|${lock ?? ''}`;
          if (reported.has(key)) return;
          reported.add(key);
          sink({
            check: 'queue-handle',
            rule: 'WDK KeReleaseInStackQueuedSpinLock',
            message: `${event.via} got a KLOCK_QUEUE_HANDLE that holds no lock${lock === undefined ? '' : ` (it already released ${lock})`}: release each acquisition once, with the same handle the matching acquire filled in.`,
            key,
            ...(lock === undefined ? {} : { lock }),
            seq: event.seq,
            ...where(event.ctx),
          });
          return;
        }
        if (event.type !== 'acquire' || event.handle === null) return;
        if (event.family !== LockFamily.Queued && event.family !== LockFamily.QueuedDpc) return;
        const handle = event.handle;
        const busy = handle.acquisition;
        if (busy !== null) {
          const key = `${groupingPath(handle.name)}|busy|${event.ctx.routine}`;
          if (!reported.has(key)) {
            reported.add(key);
            sink({
              check: 'queue-handle',
              rule: 'WDK KeAcquireInStackQueuedSpinLock',
              message: `${event.via} reuses KLOCK_QUEUE_HANDLE ${handle.name}, which still records ${busy.ctx.routine}'s acquisition of ${busy.lock.name}: every acquisition needs its own handle — make it a local of the acquiring routine.`,
              key,
              lock: event.lock.name,
              target: handle.name,
              seq: event.seq,
              related: [related('the handle was filled in here', busy.ctx, busy.seq)],
              ...where(event.ctx),
            });
          }
        }
        const previous = users.get(handle);
        if (previous !== undefined && previous.ctx !== event.ctx.id) {
          const key = `${groupingPath(handle.name)}|shared`;
          if (!reported.has(key)) {
            reported.add(key);
            sink({
              check: 'queue-handle',
              rule: 'WDK KeAcquireInStackQueuedSpinLock',
              message: `KLOCK_QUEUE_HANDLE ${handle.name} is used by ${previous.routine} on CPU ${previous.cpu} and by ${event.ctx.routine} on CPU ${event.ctx.cpu.id}: a queue handle belongs to one acquisition in one context — declare it as a local where you acquire, never in the device extension.`,
              key,
              lock: event.lock.name,
              target: handle.name,
              seq: event.seq,
              ...where(event.ctx),
            });
          }
        }
        users.set(handle, { ctx: event.ctx.id, routine: event.ctx.routine, cpu: event.ctx.cpu.id });
      },
    };
  },
};
