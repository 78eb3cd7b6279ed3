/**
 * `requires`: an item earns its points only when it passes on its own
 * evidence AND every item it requires passed (after their own requirements).
 * An item judging the misuse of a lock so counts only when the work that
 * uses the lock is done: an untouched starter, or a driver that does
 * nothing, cannot collect the points of checks it never gave a chance to
 * fire.
 */
import type { ResultItem } from './result.js';
import type { RubricItem } from './rubric.js';

/** A cycle of requirements among `items` (ids, the first repeated at the end), or null when there is none. */
export function requirementCycle(items: readonly Pick<RubricItem, 'id' | 'requires'>[]): string[] | null {
  const requires = new Map(items.map((item) => [item.id, item.requires ?? []]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    const at = path.indexOf(id);
    if (at >= 0) return [...path.slice(at), id];
    if (done.has(id)) return null;
    path.push(id);
    for (const required of requires.get(id) ?? []) {
      const cycle = visit(required);
      if (cycle !== null) return cycle;
    }
    path.pop();
    done.add(id);
    return null;
  };
  for (const item of items) {
    const cycle = visit(item.id);
    if (cycle !== null) return cycle;
  }
  return null;
}

/**
 * Whether `item` (its own requirements applied) shows the work the items
 * requiring it judge was done: it passed; or it is an invariant that held
 * in every schedule that reached its final state (at least one did, and
 * judged it: `judged`) and failed only in schedules stopped before it — by a
 * bug check, a deadlock, a hang, which their own items judge. So one hang in
 * a few schedules costs the invariant and those items, not everything that
 * requires the invariant. A schedule that judged nothing (a fault run whose
 * driver declined to start) is no schedule that reached it.
 */
function vouches(item: ResultItem, judged: boolean): boolean {
  if (item.passed) return true;
  if (item.unmet !== undefined || item.check !== 'invariant' || !judged) return false;
  const unreached = item.schedulesUnreached ?? 0;
  return unreached > 0 && unreached === item.schedulesFailed && item.schedulesFailed < item.schedulesRun;
}

/**
 * `scored` (each item graded on its own evidence, in rubric order) with the
 * requirements of `items` applied: an item with `requires` says them, and
 * its own verdict (`passedOwn`); when some required item did not pass, it
 * is lost (0 points) and says which (`unmet`). The rubric has no cycle
 * (checked at load). `judged(id)`: whether some schedule judged the
 * invariant of item `id` on a final state it reached (true when not known).
 */
export function applyRequirements(items: readonly RubricItem[], scored: readonly ResultItem[], judged: (id: string) => boolean = () => true): ResultItem[] {
  const byId = new Map(scored.map((item) => [item.id, item]));
  const requires = new Map(items.map((item) => [item.id, item.requires ?? []]));
  const final = new Map<string, ResultItem>();
  const resolve = (id: string): ResultItem => {
    const known = final.get(id);
    if (known !== undefined) return known;
    const own = byId.get(id)!;
    const required = requires.get(id) ?? [];
    let item = own;
    if (required.length > 0) {
      const unmet = required.filter((other) => !vouches(resolve(other), judged(other)));
      item = unmet.length === 0 ? { ...own, requires: required, passedOwn: own.passed } : { ...own, points: 0, passed: false, requires: required, unmet, passedOwn: own.passed };
    }
    final.set(id, item);
    return item;
  };
  return scored.map((item) => resolve(item.id));
}
