/**
 * Grading one submission: compile (esbuild, with the shared-state rewrite)
 * → type-check (tsc) → explore in the sandbox → score against the rubric.
 * Student failures are outcomes (the result's status), never exceptions.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SpinlabError } from '../errors.js';
import type { CoverageSeen, CoverageWatch, FindingGroup } from '../explore/index.js';
import type { Exercise } from '../rubric/catalog.js';
import type { GradeResult, GradeStatus, ResultExploration, ResultFinding, ResultTiming } from '../rubric/result.js';
import type { Exploration, Rubric } from '../rubric/rubric.js';
import { matches, scoreItems, total } from '../rubric/score.js';
import { compileDriver, type CompiledDriver } from '../sandbox/compile.js';
import type { Diagnostic } from '../sandbox/diagnostic.js';
import { runSandboxed, type SandboxOutcome } from '../sandbox/run-sandboxed.js';
import { SourceLines } from '../sandbox/source-lines.js';
import { stageSubmission } from '../sandbox/stage.js';
import { typecheckDriver } from '../sandbox/typecheck.js';
import { spinlabVersion } from '../version.js';
import { describeFinding, type ReplayCommand } from './describe-finding.js';
import { graderFailureMessage } from './grader-failure.js';
import { graderScenario, type GraderScenario } from './grader-scenario.js';
import { locateSubmission } from './submission.js';

/** What to grade and how. */
export interface GradeRequest {
  readonly exercise: Exercise;
  readonly rubric: Rubric;
  /** A folder holding the student file, or a single .ts file. */
  readonly submission: string;
  /** The exploration (the rubric's, with any command-line overrides applied). */
  readonly exploration: Exploration;
  /** Run `tsc --noEmit` (default true). */
  readonly typecheck?: boolean;
  /** Builds the replay command for a schedule code (null: no command). */
  readonly replay?: ReplayCommand | null;
  /** Sandbox heap limit in MB (default 512). */
  readonly memoryMb?: number;
  /** The submission is this one file (a .ts file in a class folder): its sibling files are other students'. */
  readonly alone?: boolean;
  /** Told what the exploration saw of the watched routines and paths (null when it did not finish), for selftest's check of the exercise's contract. */
  readonly onSeen?: (seen: CoverageSeen | null) => void;
}

/** Grades one submission. Throws only for grader, rubric or usage problems. */
export async function gradeSubmission(request: GradeRequest): Promise<GradeResult> {
  const started = Date.now();
  const { exercise, exploration } = request;
  const scenario = await graderScenario(exercise);
  const timing = { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: 0 };
  const located = locateSubmission(request.submission, exercise);
  if (!located.ok) {
    timing.totalMs = Date.now() - started;
    return { ...ungradedResult(request, request.submission, located.message, []), timing };
  }
  const submission = located.submission;
  const entry = relative(submission.root, submission.entry).split(sep).join('/');

  let phase = Date.now();
  const stage = stageSubmission(submission.entry, submission.root, request.alone === true && !submission.isFolder);
  if (!stage.ok) {
    timing.totalMs = Date.now() - started;
    return { ...ungradedResult(request, submission.name, 'the submission cannot be graded as it is', stage.diagnostics, 'compile-error', entry), timing };
  }
  const staged = stage.staged;
  try {
    const compiled = await compileDriver(staged.entry, staged.root);
    timing.compileMs = Date.now() - phase;
    if (!compiled.ok) {
      const diagnostics = compiled.diagnostics.map((d) => withSource(d, staged.root));
      timing.totalMs = Date.now() - started;
      return { ...ungradedResult(request, submission.name, 'the submission does not compile', diagnostics, 'compile-error', entry), timing };
    }
    const driver = compiled.driver;
    const limits = { timeoutMs: exploration.timeLimit * 1000, memoryMb: request.memoryMb };

    phase = Date.now();
    const wantsTypecheck = request.typecheck !== false;
    const typeDiagnostics = wantsTypecheck ? await typecheckDriver(staged, driver.files, limits) : [];
    timing.typecheckMs = Date.now() - phase;

    phase = Date.now();
    const outcome = await runSandboxed(driver, scenario.code, { ...exploration, watch: coverageWatch(request) }, limits);
    timing.exploreMs = Date.now() - phase;
    if (outcome.graderFault) {
      throw new SpinlabError('SPINLAB_SCENARIO_INVALID', `the grader of ${exercise.id} failed before the driver ran: ${outcome.reason ?? 'unknown reason'}`);
    }

    const result = finish(request, scenario, submission.name, entry, timing, outcome, driver, typeDiagnostics, wantsTypecheck);
    timing.totalMs = Date.now() - started;
    return result;
  } finally {
    staged.remove();
  }
}

/**
 * The result of a submission that could not be graded at all (it does not
 * compile, its file is missing, spinlab failed on it): every item lost,
 * nothing explored.
 */
export function ungradedResult(
  request: Pick<GradeRequest, 'exercise' | 'rubric' | 'exploration'>,
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
    exploration: explorationOf(request.exploration, 0, null),
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
      findings: [],
    })),
    unscored: [],
    diagnostics,
    output: '',
  };
}

/**
 * The result of an exploration (`timing` is filled in by the caller). A
 * schedule the grader could not decide, or an exploration that decided
 * none, makes the grading `grader-error`: no item passes on it.
 */
function finish(
  request: GradeRequest,
  scenario: GraderScenario,
  submission: string,
  entry: string,
  timing: ResultTiming,
  outcome: SandboxOutcome,
  driver: CompiledDriver,
  typeDiagnostics: readonly Diagnostic[],
  typechecked: boolean,
): GradeResult {
  const { rubric, exploration } = request;
  const schedulesRun = outcome.result?.schedulesRun ?? outcome.schedulesRun;
  const seen = outcome.result === null ? null : seenOf(outcome.result.seen, coverageWatch(request));
  request.onSeen?.(seen);
  const groups: readonly FindingGroup[] = outcome.groups;
  // An item lists a group, and so describes it, as often as items look at it: describe each once.
  const described = new Map<FindingGroup, ResultFinding>();
  const describe = (group: FindingGroup): ResultFinding => {
    let finding = described.get(group);
    if (finding === undefined) described.set(group, (finding = describeFinding(group, driver, request.replay ?? null)));
    return finding;
  };
  const items = scoreItems(
    rubric.items,
    {
      groups,
      schedulesPlanned: exploration.strategy === 'dfs' && outcome.result?.exhausted === true ? schedulesRun : exploration.schedules,
      schedulesRun,
      complete: outcome.status === 'done',
      undecided: outcome.undecided.map((u) => u.schedule),
      seen,
      typecheck: typechecked ? typeDiagnostics : null,
    },
    describe,
  );
  const unscored = groups.filter((group) => !rubric.items.some((item) => matches(item, group))).slice(0, 10).map(describe);
  const graderFailed = outcome.undecided.length > 0 || (outcome.status === 'done' && schedulesRun === 0);
  const status: GradeStatus = graderFailed ? 'grader-error' : outcome.status === 'done' ? 'graded' : outcome.status;
  const message = graderFailed
    ? graderFailureMessage(outcome.undecided, schedulesRun, scenario)
    : outcome.status === 'timed-out'
      ? `the exploration did not finish within ${exploration.timeLimit} s (an unbounded loop that never calls the kernel?); ${schedulesRun} of ${exploration.schedules} schedules were decided`
      : outcome.status === 'crashed'
        ? `the sandbox stopped: ${outcome.reason ?? 'unknown reason'}; ${schedulesRun} of ${exploration.schedules} schedules were decided`
        : null;
  return {
    spinlab: spinlabVersion(),
    exercise: request.exercise.id,
    submission,
    entry,
    status,
    score: total(items),
    maxScore: total(rubric.items),
    message,
    exploration: explorationOf(exploration, schedulesRun, outcome.result?.exhausted ?? null, outcome.result?.cpus),
    timing,
    items,
    unscored,
    diagnostics: typeDiagnostics,
    output: outcome.result?.output ?? '',
  };
}

/** What the exploration must say it saw: the routines and targets the rubric filters on, and the exercise's contract (for selftest). */
export function coverageWatch(request: Pick<GradeRequest, 'exercise' | 'rubric'>): CoverageWatch {
  const { exercise, rubric } = request;
  const unique = (names: Array<string | undefined>) => [...new Set(names.filter((name): name is string => name !== undefined))];
  return {
    routines: unique([...rubric.items.map((item) => item.routine), ...(exercise.routines ?? [])]),
    paths: unique([...rubric.items.map((item) => item.target), ...(exercise.fields ?? [])]),
  };
}

/** What the child says it saw, kept to what was asked (it may say no more than that). */
function seenOf(seen: CoverageSeen, watch: CoverageWatch): CoverageSeen {
  return { routines: seen.routines.filter((r) => watch.routines.includes(r)), paths: seen.paths.filter((p) => watch.paths.includes(p)) };
}

function explorationOf(exploration: Exploration, schedulesRun: number, exhausted: boolean | null, cpus?: number): ResultExploration {
  return {
    strategy: exploration.strategy,
    seed: exploration.seed,
    schedules: exploration.schedules,
    schedulesRun,
    cpus: cpus ?? exploration.cpus ?? null,
    maxSteps: exploration.maxSteps,
    exhausted,
  };
}

function withSource(diagnostic: Diagnostic, root: string): Diagnostic {
  if (diagnostic.source !== undefined) return diagnostic;
  try {
    const line = new SourceLines(readFileSync(join(root, diagnostic.file), 'utf8')).lineText(diagnostic.line);
    return line === undefined ? diagnostic : { ...diagnostic, source: line };
  } catch {
    return diagnostic;
  }
}
