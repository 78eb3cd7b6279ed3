import { capText, MESSAGE_CHARS } from '../text-cap.js';
import { relatedAt, where, type Check } from './check.js';

/** A scenario invariant on the driver's final state failed (lost writes, lost list entries…). */
export const invariant: Check = {
  id: 'invariant',
  rule: 'scenario invariant',
  describe: 'an invariant of the scenario failed on the final state (a lost update, a lost or duplicated entry, an IRP never completed)',
  create(sink) {
    return {
      events: ['invariant'],
      handle(event) {
        if (event.type !== 'invariant' || event.passed) return;
        const writes = event.writes ?? [];
        const last = writes[0];
        sink({
          check: 'invariant',
          rule: `invariant ${event.name}`,
          message: `Invariant \`${event.name}\` failed: ${capText(event.message, MESSAGE_CHARS)}${last === undefined ? '' : ` (${last.path} was last written by ${last.routine})`}`,
          // Never reached and failed on the final state are two findings: a requirement looks at the second alone.
          key: event.unreached === true ? `${event.name}|unreached` : event.name,
          name: event.name,
          ...(event.unreached === true ? { unreached: true } : {}),
          seq: -1,
          related: writes.map((w) => relatedAt({ label: `${w.path} last written here by ${w.routine}`, seq: w.seq, routine: w.routine, cpu: w.cpu })),
          ...where(null),
        });
      },
    };
  },
};
