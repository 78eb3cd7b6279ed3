import { related, where, type Check } from './check.js';

/** A lock released by a context other than the one that acquired it. */
export const wrongReleaser: Check = {
  id: 'wrong-releaser',
  rule: 'Verifier 0xC4/0x1004',
  describe: 'a spin lock released by a context other than the one that acquired it',
  create(sink) {
    return {
      events: ['release'],
      handle(event) {
        if (event.type !== 'release') return;
        // The releaser holds nothing of it, another context does: the release frees the lock under that holder.
        const holder = event.lock.holder;
        if (event.own !== null || holder === null || holder.ctx === event.ctx) return;
        sink({
          check: 'wrong-releaser',
          rule: 'Verifier 0xC4/0x1004',
          message: `${event.ctx.routine} on CPU ${event.ctx.cpu.id} releases ${event.lock.name}, which ${holder.ctx.routine} on CPU ${holder.ctx.cpu.id} acquired: a spin lock must be released by the code that acquired it, before that code returns.`,
          key: `${event.lock.name}|${event.ctx.routine}|${holder.ctx.routine}`,
          lock: event.lock.name,
          seq: event.seq,
          related: [related('acquired here', holder.ctx, holder.seq)],
          ...where(event.ctx),
        });
      },
    };
  },
};
