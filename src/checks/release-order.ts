import { restoresIrql } from '../machine/index.js';
import { related, where, type Check } from './check.js';

/** Nested locks released out of order, so IRQL is not restored. */
export const releaseOrder: Check = {
  id: 'release-order',
  rule: 'Verifier 0xC4/0x1003',
  describe: 'nested spin locks released in another order than the reverse of acquisition, so IRQL is not restored',
  create(sink) {
    return {
      events: ['release'],
      handle(event) {
        if (event.type !== 'release' || !restoresIrql(event.family)) return;
        const own = event.own;
        const held = event.ctx.held;
        if (own === null || held[held.length - 1] === own) return;
        const later = held[held.indexOf(own) + 1];
        if (later === undefined) return;
        sink({
          check: 'release-order',
          rule: 'Verifier 0xC4/0x1003',
          message: `${event.ctx.routine} releases ${event.lock.name} while still holding ${later.lock.name}, which it acquired after it: release nested locks in the reverse order of acquisition, so each release restores the IRQL its own acquire saved.`,
          key: `${event.ctx.routine}|${event.lock.name}|${later.lock.name}`,
          lock: event.lock.name,
          seq: event.seq,
          related: [related(`${later.lock.name} acquired here`, event.ctx, later.seq)],
          ...where(event.ctx),
        });
      },
    };
  },
};
