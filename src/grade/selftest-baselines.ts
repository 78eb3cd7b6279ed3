/**
 * The drivers a grader must score low, as selftest checks them: the
 * exercise's untouched starter scores at most the rubric's `starterMax` (a
 * fraction of the maximum, default 40%), and below full marks; the grader's
 * do-nothing driver (graders/<id>/nothing.ts: it loads, registers every
 * routine and answers every request, doing none of the work) earns nothing
 * beyond the type-check item. Either failing means some items pay for
 * nothing: give them `requires` on the items that need the work done.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../rubric/catalog.js';
import type { GradeResult } from '../rubric/result.js';
import type { Rubric } from '../rubric/rubric.js';
import { total } from '../rubric/score.js';
import { TYPECHECK } from '../rubric/rubric.js';

/** The do-nothing driver of a grader folder. */
export const NOTHING_DRIVER = 'nothing.ts';

/** A baseline driver's score, as selftest reports it. */
export interface BaselineScore {
  readonly score: number;
  readonly maxScore: number;
  /** The most it may score. */
  readonly allowed: number;
}

/** What checking a baseline driver gave: whether it held, why not, and its score (when it was graded). */
export interface BaselineVerdict {
  readonly ok: boolean;
  readonly problem: string | null;
  readonly score: BaselineScore | null;
}

/** The files of the two baselines. */
export function baselineFiles(exercise: Exercise): { readonly starter: string; readonly nothing: string } {
  return { starter: join(exercise.dir, exercise.student), nothing: join(exercise.graderDir, NOTHING_DRIVER) };
}

/** Whether `file` is there to grade, or why the check cannot hold. */
export function baselineMissing(kind: 'starter' | 'nothing', file: string): BaselineVerdict | null {
  if (existsSync(file)) return null;
  const problem =
    kind === 'starter'
      ? 'no starter file'
      : `no ${NOTHING_DRIVER}: write the driver a student who does nothing submits — it registers every routine the README asks for and completes every request, doing none of the work (docs/authors.md)`;
  return { ok: false, problem, score: null };
}

/** The untouched starter's verdict: graded, below full marks, and at most `starterMax` of them. */
export function starterVerdict(result: GradeResult, rubric: Rubric): BaselineVerdict {
  const allowed = round(rubric.starterMax * result.maxScore);
  const score = { score: result.score, maxScore: result.maxScore, allowed };
  if (result.status !== 'graded') return { ok: false, problem: `${result.status}: ${result.message ?? ''}`, score };
  if (result.score >= result.maxScore) return { ok: false, problem: 'the starter already gets full marks', score };
  if (result.score <= allowed) return { ok: true, problem: null, score };
  return {
    ok: false,
    problem: `the starter scores ${result.score}/${result.maxScore} (${percent(result.score, result.maxScore)}), above the rubric's starterMax ${percent(rubric.starterMax, 1)} (${allowed}): ${earned(result)} pay for the untouched starter; make them require the items its work needs`,
    score,
  };
}

/** The do-nothing driver's verdict: graded, and no point beyond the type-check items'. */
export function nothingVerdict(result: GradeResult, rubric: Rubric): BaselineVerdict {
  const allowed = total(rubric.items.filter((item) => item.check === TYPECHECK));
  const score = { score: result.score, maxScore: result.maxScore, allowed };
  if (result.status !== 'graded') return { ok: false, problem: `${result.status}: ${result.message ?? ''}`, score };
  if (result.score <= allowed) return { ok: true, problem: null, score };
  return { ok: false, problem: `the do-nothing driver scores ${result.score}/${result.maxScore}: ${earned(result)} pay for doing nothing; make them require the items that need the work done`, score };
}

/** The items of `result` that earned points, other than the type-check (`a (3), b (1)`). */
function earned(result: GradeResult): string {
  const paid = result.items.filter((item) => item.points > 0 && item.check !== TYPECHECK);
  return paid.map((item) => `${item.id} (${item.points})`).join(', ') || 'no item';
}

function percent(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
