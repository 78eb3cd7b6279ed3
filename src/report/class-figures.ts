/**
 * What a class's results say as a whole, for report.html, items.csv and
 * batch's closing summary: how many students lost each rubric item, how the
 * scores spread, which submissions were not graded and why, which were the
 * slowest. Pure: the same results give the same figures.
 */
import type { GradeResult, GradeStatus } from '../rubric/result.js';

/** One rubric item over the class. */
export interface ItemFigures {
  readonly id: string;
  readonly title: string;
  readonly visibility: string;
  readonly maxPoints: number;
  /** Students whose result has this item. */
  readonly students: number;
  /** Of them, those who got less than its full points (a submission that did not compile loses every item). */
  readonly lost: number;
  /** `lost` as a percentage of `students`, to one decimal (0 when no student has the item). */
  readonly lostPercent: number;
  /** Of the students whose submission was graded (status `graded`), how many; and how many of those lost it: the item's own failure rate. */
  readonly graded: number;
  readonly gradedLost: number;
  /** The mean of the points given, over `students`, to two decimals. */
  readonly meanPoints: number;
}

/** One bar of the score histogram: scores in `from`…`to` (inclusive when `from === to`; else `from` ≤ s < `to`, the last bar closed). */
export interface HistogramBar {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** A submission that was not graded (did not compile, crashed, timed out, or the grader failed), and why. */
export interface Ungraded {
  readonly submission: string;
  readonly status: Exclude<GradeStatus, 'graded'>;
  readonly message: string;
}

/** A submission and the time its grading took. */
export interface Timed {
  readonly submission: string;
  readonly status: GradeStatus;
  readonly totalMs: number;
}

/** The figures of a class. */
export interface ClassFigures {
  readonly exercise: string;
  readonly students: number;
  readonly maxScore: number;
  /** Students per status, every status present (0 when none). */
  readonly statuses: Readonly<Record<GradeStatus, number>>;
  /** Mean and median score, to two decimals (0 for an empty class). */
  readonly mean: number;
  readonly median: number;
  readonly fullMarks: number;
  /** Every rubric item, in the rubric's order. */
  readonly items: readonly ItemFigures[];
  readonly histogram: readonly HistogramBar[];
  /** Every submission not graded, by status then id. */
  readonly ungraded: readonly Ungraded[];
  /** The slowest gradings, slowest first (at most {@link SLOWEST}). */
  readonly slowest: readonly Timed[];
}

/** How many of the slowest submissions the figures keep. */
export const SLOWEST = 10;

/** Up to this maximum score, the histogram has a bar per whole score; above it (or with fractional scores), ten bars of a tenth each. */
const BAR_PER_POINT_UP_TO = 20;

const STATUSES: readonly GradeStatus[] = ['graded', 'compile-error', 'crashed', 'timed-out', 'grader-error'];

/** The figures of `results`, one result per student. */
export function classFigures(results: readonly GradeResult[]): ClassFigures {
  const scores = results.map((r) => r.score).sort((a, b) => a - b);
  const maxScore = Math.max(0, ...results.map((r) => r.maxScore));
  const statuses = Object.fromEntries(STATUSES.map((s) => [s, results.filter((r) => r.status === s).length])) as Record<GradeStatus, number>;
  const middle = scores.length / 2;
  const median = scores.length === 0 ? 0 : scores.length % 2 === 1 ? scores[Math.floor(middle)]! : (scores[middle - 1]! + scores[middle]!) / 2;
  return {
    exercise: results[0]?.exercise ?? '',
    students: results.length,
    maxScore,
    statuses,
    mean: round(scores.reduce((s, x) => s + x, 0) / Math.max(1, scores.length), 2),
    median: round(median, 2),
    fullMarks: results.filter((r) => r.status === 'graded' && r.score >= r.maxScore).length,
    items: itemFigures(results),
    histogram: histogram(scores, maxScore),
    ungraded: results
      .filter((r): r is GradeResult & { status: Ungraded['status'] } => r.status !== 'graded')
      .map((r) => ({ submission: r.submission, status: r.status, message: r.message ?? '' }))
      .sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || byId(a.submission, b.submission)),
    slowest: [...results]
      .sort((a, b) => b.timing.totalMs - a.timing.totalMs || byId(a.submission, b.submission))
      .slice(0, SLOWEST)
      .map((r) => ({ submission: r.submission, status: r.status, totalMs: r.timing.totalMs })),
  };
}

/** The items most lost, most first (ties in rubric order), only those someone lost. */
export function mostLost(figures: ClassFigures, count: number): ItemFigures[] {
  return [...figures.items].filter((item) => item.lost > 0).sort((a, b) => b.lost - a.lost).slice(0, count);
}

/** Each item as it appears in the results, in the order of their rubric (an item only some results have comes after those before it). */
function itemFigures(results: readonly GradeResult[]): ItemFigures[] {
  const order: string[] = [];
  for (const result of results) for (const item of result.items) if (!order.includes(item.id)) order.push(item.id);
  return order.map((id) => {
    const held = results.flatMap((r) => r.items.filter((item) => item.id === id).map((item) => ({ item, status: r.status })));
    const first = held[0]!.item;
    const lost = held.filter((h) => h.item.points < h.item.maxPoints);
    const graded = held.filter((h) => h.status === 'graded');
    return {
      id,
      title: first.title,
      visibility: first.visibility,
      maxPoints: first.maxPoints,
      students: held.length,
      lost: lost.length,
      lostPercent: round((100 * lost.length) / held.length, 1),
      graded: graded.length,
      gradedLost: graded.filter((h) => h.item.points < h.item.maxPoints).length,
      meanPoints: round(held.reduce((s, h) => s + h.item.points, 0) / held.length, 2),
    };
  });
}

/** The score histogram: a bar per whole score up to {@link BAR_PER_POINT_UP_TO}, else ten equal bars. */
function histogram(scores: readonly number[], maxScore: number): HistogramBar[] {
  if (maxScore <= BAR_PER_POINT_UP_TO && scores.every(Number.isInteger)) {
    return Array.from({ length: maxScore + 1 }, (_, s) => ({ from: s, to: s, count: scores.filter((x) => x === s).length }));
  }
  const width = maxScore / 10;
  return Array.from({ length: 10 }, (_, i) => {
    const from = round(i * width, 2);
    const to = round((i + 1) * width, 2);
    return { from, to, count: scores.filter((x) => x >= i * width && (i === 9 ? x <= maxScore : x < (i + 1) * width)).length };
  });
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Ids in byte order, as grades.csv sorts them. */
export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
