import { capText, MESSAGE_CHARS, NAME_CHARS, THROWN_MESSAGE_CHARS } from '../text-cap.js';
import { relatedAt, where, type Check } from './check.js';

/** The routine a finding names when the driver's module threw while loading. */
export const MODULE_LOAD_ROUTINE = '(module load)';

/** A routine threw, or the kernel raised a bug check (completing an IRP twice, a double free…). */
export const routineThrew: Check = {
  id: 'routine-threw',
  rule: 'bug check (an unhandled exception in kernel mode)',
  describe: 'a routine threw an exception, or did something the kernel stops the machine for (completing an IRP twice, a double free)',
  create(sink) {
    return {
      events: ['stop'],
      handle(event) {
        if (event.type !== 'stop') return;
        const reason = event.reason;
        // What the driver threw is described by the guest, already capped; capped again, as every message that quotes it.
        if (reason.kind === 'threw') {
          const routine = capText(reason.frame.routine, NAME_CHARS);
          const thrown = capText(reason.message, THROWN_MESSAGE_CHARS);
          sink({
            check: 'routine-threw',
            rule: 'bug check 0x1E KMODE_EXCEPTION_NOT_HANDLED',
            message: `${routine} threw ${thrown}: in kernel mode an unhandled exception stops the machine. Find why it threw; never let an exception escape a driver routine.`,
            key: `${routine}|${thrown.slice(0, 80)}`,
            seq: reason.frame.lastCallSeq,
            stack: reason.stack,
            ...where(reason.ctx),
            routine,
          });
        } else if (reason.kind === 'load-failed') {
          sink({
            check: 'routine-threw',
            rule: 'driver load failure',
            message: `Loading the driver module threw ${capText(reason.message, THROWN_MESSAGE_CHARS)}: module-level code runs when the driver loads; keep it to declarations and move work into DriverEntry or AddDevice.`,
            key: `load|${reason.message.slice(0, 80)}`,
            seq: -1,
            stack: reason.stack,
            ...where(null),
            routine: MODULE_LOAD_ROUTINE,
          });
        } else if (reason.kind === 'bug-check' && reason.check === 'routine-threw') {
          sink({
            check: 'routine-threw',
            rule: reason.rule,
            message: `${reason.rule.replace(/^bug check/, 'Bug check')}: ${capText(reason.message, MESSAGE_CHARS)}.`,
            key: `${reason.ctx.routine}|${reason.code}`,
            seq: reason.ctx.pending[0]?.seq ?? event.seq,
            ...(reason.related === undefined ? {} : { related: [relatedAt(reason.related)] }),
            ...where(reason.ctx),
          });
        }
      },
    };
  },
};
