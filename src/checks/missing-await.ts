import { OP_NAMES } from '../kernel/protocol.js';
import type { Frame } from '../machine/index.js';
import { where, type Check } from './check.js';

/** A kernel call made (or memory touched, or a return) while the same context still has a call pending. */
export const missingAwait: Check = {
  id: 'missing-await',
  rule: 'spinlab: every kernel routine is a scheduling point',
  describe: 'a kernel routine called without `await` (the context goes on while the call is still pending)',
  create(sink) {
    let reported = new WeakSet<Frame>();
    return {
      events: ['call', 'pending-misuse'],
      startSchedule() {
        reported = new WeakSet();
      },
      handle(event) {
        if (event.type === 'call' && event.pendingBefore === 0) return;
        if (event.type !== 'call' && event.type !== 'pending-misuse') return;
        const ctx = event.ctx;
        const frame = ctx.frame;
        if (frame === null || reported.has(frame)) return;
        // A SynchCritSection routine is entered while the routine below it went on without awaiting
        // KeSynchronizeExecution: what that routine does next lands here, and is its missing await, already reported.
        if (frame.kind === 'synch' && ctx.frames.some((f) => f !== frame && reported.has(f))) return;
        reported.add(frame);
        const unawaited = ctx.pending[0];
        const op = event.type === 'pending-misuse' && event.op !== undefined ? event.op : unawaited?.op;
        const name = op === undefined ? 'a kernel routine' : (OP_NAMES[op] ?? 'a kernel routine');
        const then =
          event.type === 'call' ? `calls ${OP_NAMES[event.op] ?? 'another routine'}` : event.what === 'access' ? 'touches shared memory' : 'returns';
        sink({
          check: 'missing-await',
          rule: 'spinlab: await every kernel routine',
          message: `${frame.routine} ${then} without waiting for its call to ${name} — a missing \`await\`: every Ke*, Ex* and Io* routine returns a promise; write \`await ${name}(…)\`.`,
          key: missingAwaitKey(frame.routine, name),
          seq: unawaited?.seq ?? event.seq,
          ...where(ctx),
        });
      },
    };
  },
};

/** A missing await's finding key: the routine and the kernel routine it did not wait for (a hang it causes names its group). */
export function missingAwaitKey(routine: string, name: string): string {
  return `${routine}|${name}`;
}
