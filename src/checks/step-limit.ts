import { where, type Check } from './check.js';
import { findingId } from './finding.js';
import { missingAwaitKey } from './missing-await.js';

/** A schedule ran past its step budget, or a routine awaited something that never settles. */
export const stepLimit: Check = {
  id: 'step-limit',
  rule: 'bounded execution (Shuttle MaxSteps)',
  describe: 'a schedule ran past its step budget (a livelock or unbounded loop), or a routine awaited something that never settles',
  create(sink) {
    return {
      events: ['stop'],
      handle(event) {
        if (event.type !== 'stop') return;
        const reason = event.reason;
        if (reason.kind === 'step-limit') {
          const ctx = reason.ctx;
          sink({
            check: 'step-limit',
            rule: 'bounded execution (Shuttle MaxSteps)',
            message: `The schedule ran past its budget (${reason.detail === 'scheduling decisions' ? `${reason.steps} steps` : reason.detail})${ctx === null ? '' : ` in ${ctx.routine}`}: a loop that waits for another CPU without ever releasing a lock or returning livelocks. Make every loop finish; never spin on shared memory yourself.`,
            key: `${ctx?.routine ?? ''}|${reason.detail}`,
            seq: ctx?.pending[0]?.seq ?? event.seq,
            ...where(ctx),
          });
        } else if (reason.kind === 'stuck') {
          const ctx = reason.ctx;
          const below = ctx.frame?.kind === 'synch' ? ctx.frames.at(-2) : undefined;
          if (below !== undefined) {
            // A SynchCritSection routine runs synchronously: it "awaits" only when the routine that called
            // KeSynchronizeExecution went on without awaiting it, and its later calls landed inside.
            sink({
              check: 'step-limit',
              rule: 'spinlab: await every kernel routine',
              message: `${ctx.frame!.routine}, run by KeSynchronizeExecution for ${below.routine}, never finishes: ${below.routine} went on without awaiting KeSynchronizeExecution, so its next kernel calls ran inside ${ctx.frame!.routine}. Write \`await KeSynchronizeExecution(…)\` in ${below.routine}.`,
              key: `${below.routine}|unawaited-synch`,
              seq: below.lastCallSeq >= 0 ? below.lastCallSeq : event.seq,
              causedBy: findingId('missing-await', missingAwaitKey(below.routine, 'KeSynchronizeExecution')),
              ...where(ctx),
              routine: below.routine,
            });
            return;
          }
          sink({
            check: 'step-limit',
            rule: 'spinlab: only kernel routines are scheduling points',
            message: `${ctx.routine} awaited something that never settles (not a spinlab kernel routine): the routine can never finish. Await only Ke*, Ex* and Io* routines.`,
            key: `${ctx.routine}|stuck`,
            seq: ctx.frame?.lastCallSeq ?? event.seq,
            ...where(ctx),
          });
        }
      },
    };
  },
};
