import type { Acquisition, Context } from '../machine/index.js';
import { acquirerRoutine, related, where, type Check } from './check.js';

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
          message: `${event.ctx.routine} on CPU ${event.ctx.cpu.id} releases ${event.lock.name}, which ${acquirerRoutine(holder)} on CPU ${holder.ctx.cpu.id} acquired: a spin lock must be released by the code that acquired it, before that code returns.`,
          key: wrongReleaserKey(event.lock.name, event.ctx, holder),
          lock: event.lock.name,
          seq: event.seq,
          related: [related('acquired here', holder.ctx, holder.seq, { routine: acquirerRoutine(holder) })],
          ...where(event.ctx),
        });
      },
    };
  },
};

/** A wrong release's finding key: the lock, the releasing routine and the routine that acquired it (a race it causes names its group). */
export function wrongReleaserKey(lock: string, releaser: Context, holder: Acquisition): string {
  return `${lock}|${releaser.routine}|${acquirerRoutine(holder)}`;
}
