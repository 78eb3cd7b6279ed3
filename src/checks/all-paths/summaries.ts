/**
 * Helper summaries: what calling a student function does to locks, in
 * terms of its parameters, when every path of it does the same (`lockIt(ext)`
 * takes `ext.Lock` and returns its saved IRQL; `withLock(lock, fn)` leaves
 * nothing held). A helper whose paths differ, or whose locks are its own
 * locals, is `unknown`: a caller's path through it says nothing after it.
 */
import type { LockFamily } from './lock-routines.js';

/** A lock a helper leaves held, or releases without having taken it. */
export interface SummaryLock {
  /** In the helper's terms: `$p0.Lock`, `$this.handle`, or a module-level name. */
  readonly key: string;
  readonly lock: string;
  readonly family: LockFamily;
}

/** What a call does to locks. */
export type Summary =
  | { readonly kind: 'neutral' }
  | {
      readonly kind: 'exact';
      /** Locks left held; `returned` when the helper returns the saved IRQL. */
      readonly acquires: ReadonlyArray<SummaryLock & { readonly returned: boolean }>;
      /** Locks released that the helper did not take, with the parameter holding the IRQL it restores. */
      readonly releases: ReadonlyArray<SummaryLock & { readonly irql: string | null }>;
    }
  | { readonly kind: 'unknown' };

/** One return path of a helper, as the summary is made from it. */
export interface PathEffect {
  readonly acquires: ReadonlyArray<SummaryLock & { readonly returned: boolean }>;
  readonly releases: ReadonlyArray<SummaryLock & { readonly irql: string | null }>;
  /** The path went through a call the rule cannot follow. */
  readonly opaque: boolean;
}

/** The summary of a helper from its return paths (none: it never returns). */
export function summarize(paths: readonly PathEffect[], undecided: boolean): Summary {
  if (undecided) return { kind: 'unknown' };
  const signature = (p: PathEffect) =>
    JSON.stringify([p.acquires.map((a) => [a.key, a.family.name, a.returned]).sort(), p.releases.map((r) => [r.key, r.family.name, r.irql]).sort()]);
  const signatures = new Set(paths.map(signature));
  if (paths.some((p) => p.opaque) || signatures.size > 1) return { kind: 'unknown' };
  const only = paths[0];
  if (only === undefined || (only.acquires.length === 0 && only.releases.length === 0)) return { kind: 'neutral' };
  // A local's lock or handle means nothing to the caller.
  if ([...only.acquires, ...only.releases].some((l) => l.key.includes('#'))) return { kind: 'unknown' };
  return { kind: 'exact', acquires: only.acquires, releases: only.releases };
}

/** `key` in the caller's terms: `$pN` → the Nth argument's path, `$this` → the receiver's; null when an argument has no path. */
export function substitute(key: string, args: ReadonlyArray<string | null>, receiver: string | null): string | null {
  const match = /^\$(p(\d+)|this)(?=$|[.[])/.exec(key);
  if (match === null) return key;
  const root = match[1] === 'this' ? receiver : (args[Number(match[2])] ?? null);
  return root === null ? null : `${root}${key.slice(match[0].length)}`;
}
