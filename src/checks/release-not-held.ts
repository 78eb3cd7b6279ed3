import { where, type Check } from './check.js';

/** A release of a lock that is not held: a double release, or one without an acquire. */
export const releaseNotHeld: Check = {
  id: 'release-not-held',
  rule: 'Verifier 0xC4/0x1007; SDV SpinlockRelease',
  describe: 'a spin lock released when it is not held (a double release, or a release without an acquire)',
  create(sink) {
    return {
      events: ['release'],
      handle(event) {
        // Not held by anyone, and not by the releaser: a double release, or a release without an acquire.
        if (event.type !== 'release' || event.own !== null || event.lock.holder !== null) return;
        sink({
          check: 'release-not-held',
          rule: 'Verifier 0xC4/0x1007; SDV SpinlockRelease',
          message: `${event.via} releases ${event.lock.name}, which is not held — a second release, or a release on a path that never acquired it: release each lock exactly once, on the path that acquired it.`,
          key: `${event.lock.name}|${event.via}|${event.ctx.routine}`,
          lock: event.lock.name,
          seq: event.seq,
          ...where(event.ctx),
        });
      },
    };
  },
};
