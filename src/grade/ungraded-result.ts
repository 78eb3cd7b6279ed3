/**
 * The result of a submission that could not be graded to the end — it is
 * missing, cannot be staged or does not compile, it ran past its budget, or
 * spinlab itself failed on it: every item lost, nothing explored, and a
 * message that says why.
 */
import { withoutHostPaths } from '../host-paths.js';
import type { Exercise } from '../rubric/catalog.js';
import type { GradeResult, GradeStatus, ResultExploration } from '../rubric/result.js';
import type { FaultSummary, StrategySummary } from '../explore/index.js';
import type { Exploration, Rubric } from '../rubric/rubric.js';
import { total } from '../rubric/score.js';
import type { Diagnostic } from '../sandbox/diagnostic.js';
import { spinlabVersion } from '../version.js';

/** What an ungraded result needs of the grading request. */
export interface UngradedRequest {
  readonly exercise: Exercise;
  readonly rubric: Rubric;
  readonly exploration: Exploration;
}

/** A result with every item lost and nothing explored (`timing` zero: the caller fills it in). */
export function ungradedResult(
  request: UngradedRequest,
  submission: string,
  message: string,
  diagnostics: readonly Diagnostic[],
  status: Exclude<GradeStatus, 'graded'> = 'compile-error',
  entry: string = request.exercise.student,
): GradeResult {
  const { rubric } = request;
  return {
    spinlab: spinlabVersion(),
    exercise: request.exercise.id,
    submission,
    entry,
    status,
    score: 0,
    maxScore: total(rubric.items),
    message,
    exploration: explorationOf(request.exploration, 0),
    timing: { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: 0 },
    items: rubric.items.map((item) => ({
      id: item.id,
      title: item.title,
      check: item.check,
      points: 0,
      maxPoints: item.points,
      passed: false,
      visibility: item.visibility,
      credit: item.credit,
      schedulesRun: 0,
      schedulesFailed: 0,
      firstFailedSchedule: null,
      findings: [],
    })),
    unscored: [],
    diagnostics,
    output: '',
  };
}

/** The result of a grading spinlab itself failed on (`grader-error`): what failed, in one line, without the grader's paths. */
export function graderErrorResult(request: UngradedRequest, submission: string, error: unknown): GradeResult {
  return ungradedResult(request, submission, `spinlab failed on this submission (please report it): ${faultText(error)}`, [], 'grader-error');
}

/** The first line of an error's message (at most 300 characters), with the grader's absolute paths replaced. */
export function faultText(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? (error.name === 'Error' || error.name === 'SpinlabError' ? error.message : `${error.name}: ${error.message}`) : String(error);
  } catch {
    text = 'an error that cannot be described';
  }
  return withoutHostPaths(text.split('\n')[0]!).slice(0, 300);
}

/** What a finished exploration adds to its part of a result. */
export interface FinishedExploration {
  readonly exhausted: boolean | null;
  readonly cpus: number;
  readonly search: StrategySummary | null;
  /** The fault runs made, or null when faults were off. */
  readonly faults?: FaultSummary | null;
  /** Every schedule was decided and none had a finding. */
  readonly clean: boolean;
}

/** The exploration part of a result; `finished` null when the exploration did not finish (or never ran). */
export function explorationOf(exploration: Exploration, schedulesRun: number, finished: FinishedExploration | null = null): ResultExploration {
  const search = finished?.search ?? null;
  return {
    strategy: exploration.strategy,
    seed: exploration.seed,
    schedules: exploration.schedules,
    schedulesRun,
    cpus: finished?.cpus ?? exploration.cpus ?? null,
    maxSteps: exploration.maxSteps,
    exhausted: finished?.exhausted ?? null,
    ...(finished?.faults == null ? {} : { faults: { sites: finished.faults.sites, runs: finished.faults.runs } }),
    ...(search?.kind === 'pct' ? { pct: { depth: search.depth, threads: search.threads, steps: search.steps } } : {}),
    ...(search?.kind === 'bounded'
      ? {
          bounded: {
            measure: search.measure,
            bound: search.bound,
            coveredBound: search.coveredBound,
            schedulesPerBound: search.schedulesPerBound,
            verified: finished!.clean && search.coveredBound === search.bound,
          },
        }
      : {}),
  };
}
