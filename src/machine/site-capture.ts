/** The student's position of an event, from the stack at the moment it happens (slow: only when locating). */
import type { GuestRealm, RawSite } from './realm.js';

/** Stack frames captured to find the student's line of a kernel call (the sandbox child's --stack-trace-limit). */
export const SITE_FRAMES = 40;

/** Records in `sites` the first student frame of the current stack, as the site of event `seq`. */
export function captureSite(realm: GuestRealm, sites: Map<number, RawSite>, seq: number): void {
  const holder: { stack?: string } = {};
  // The sandbox child runs with --stack-trace-limit=40 and frozen intrinsics, so it never assigns here.
  const limit = Error.stackTraceLimit;
  if (limit < SITE_FRAMES) Error.stackTraceLimit = SITE_FRAMES;
  Error.captureStackTrace(holder);
  if (limit < SITE_FRAMES) Error.stackTraceLimit = limit;
  const site = realm.locate(holder.stack ?? '');
  if (site !== undefined) sites.set(seq, site);
}
