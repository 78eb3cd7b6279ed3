/**
 * Two gradings of one class compared student by student (`spinlab diff OLD
 * NEW`: before and after a rubric change, a grader fix, a regrade): who
 * gained or lost points and on which items, who is in only one, and the
 * class's mean before and after. Pure: the same results give the same diff.
 */
import type { GradeResult, GradeStatus } from '../rubric/result.js';
import { byId } from './class-figures.js';

/** One item of one student whose points differ; null where the item is not in that grading (added or removed from the rubric). */
export interface ItemChange {
  readonly id: string;
  readonly before: number | null;
  readonly after: number | null;
}

/** A student in both gradings whose status, score or any item's points differ. */
export interface StudentChange {
  readonly submission: string;
  readonly before: { readonly status: GradeStatus; readonly score: number; readonly maxScore: number };
  readonly after: { readonly status: GradeStatus; readonly score: number; readonly maxScore: number };
  /** after.score − before.score. */
  readonly delta: number;
  readonly items: readonly ItemChange[];
}

/** One item over the class: how many students' points for it changed, and the points moved. */
export interface ItemShift {
  readonly id: string;
  readonly changed: number;
  readonly gained: number;
  readonly lost: number;
  /** The sum of after − before over those students (an absent item counts 0). */
  readonly delta: number;
}

/** The whole comparison. */
export interface ClassDiff {
  readonly exercise: string;
  /** Students in both gradings. */
  readonly compared: number;
  /** Of them, those whose status, score or items changed, by id. */
  readonly changed: readonly StudentChange[];
  /** How many of the changed gained, lost points (the rest changed items or status at the same score). */
  readonly gained: number;
  readonly lost: number;
  /** The mean score of the students compared, before and after, to two decimals. */
  readonly meanBefore: number;
  readonly meanAfter: number;
  readonly maxScoreBefore: number;
  readonly maxScoreAfter: number;
  /** Students graded only before, only after, by id. */
  readonly onlyBefore: readonly string[];
  readonly onlyAfter: readonly string[];
  /** Items whose points changed for some student, in rubric order (after's, then items only before). */
  readonly items: readonly ItemShift[];
}

/** Compares two gradings of one exercise, one result per student in each. */
export function diffClasses(before: readonly GradeResult[], after: readonly GradeResult[]): ClassDiff {
  const old = new Map(before.map((r) => [r.submission, r]));
  const now = new Map(after.map((r) => [r.submission, r]));
  const both = [...now.keys()].filter((id) => old.has(id)).sort(byId);
  const changed = both.map((id) => change(old.get(id)!, now.get(id)!)).filter((c): c is StudentChange => c !== null);
  const mean = (results: readonly GradeResult[]): number => Math.round((100 * results.reduce((s, r) => s + r.score, 0)) / Math.max(1, results.length)) / 100;
  return {
    exercise: after[0]?.exercise ?? before[0]?.exercise ?? '',
    compared: both.length,
    changed,
    gained: changed.filter((c) => c.delta > 0).length,
    lost: changed.filter((c) => c.delta < 0).length,
    meanBefore: mean(both.map((id) => old.get(id)!)),
    meanAfter: mean(both.map((id) => now.get(id)!)),
    maxScoreBefore: Math.max(0, ...before.map((r) => r.maxScore)),
    maxScoreAfter: Math.max(0, ...after.map((r) => r.maxScore)),
    onlyBefore: [...old.keys()].filter((id) => !now.has(id)).sort(byId),
    onlyAfter: [...now.keys()].filter((id) => !old.has(id)).sort(byId),
    items: itemShifts(changed, [...after, ...before]),
  };
}

/** How one student's grading changed, or null when status, score and every item's points are the same. */
function change(before: GradeResult, after: GradeResult): StudentChange | null {
  const ids = [...new Set([...after.items.map((i) => i.id), ...before.items.map((i) => i.id)])];
  const points = (result: GradeResult, id: string): number | null => result.items.find((i) => i.id === id)?.points ?? null;
  const items = ids.map((id) => ({ id, before: points(before, id), after: points(after, id) })).filter((c) => !Object.is(c.before, c.after));
  if (items.length === 0 && before.status === after.status && before.score === after.score && before.maxScore === after.maxScore) return null;
  const side = (r: GradeResult) => ({ status: r.status, score: r.score, maxScore: r.maxScore });
  return { submission: after.submission, before: side(before), after: side(after), delta: round(after.score - before.score), items };
}

/** Per item, over the changed students: how many changed, gained, lost, and the points moved; in the rubric order of `results`. */
function itemShifts(changed: readonly StudentChange[], results: readonly GradeResult[]): ItemShift[] {
  const order = [...new Set(results.flatMap((r) => r.items.map((i) => i.id)))];
  return order
    .map((id) => {
      const moves = changed.flatMap((c) => c.items.filter((i) => i.id === id)).map((i) => (i.after ?? 0) - (i.before ?? 0));
      return { id, changed: moves.length, gained: moves.filter((m) => m > 0).length, lost: moves.filter((m) => m < 0).length, delta: round(moves.reduce((s, m) => s + m, 0)) };
    })
    .filter((shift) => shift.changed > 0);
}

/** Away with binary fractions' noise (0.1 + 0.2). */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
