/**
 * Grading one submission: compile (esbuild, with the shared-state rewrite)
 * → type-check (tsc) → explore in the sandbox → score against the rubric.
 * Student failures are outcomes (the result's status), never exceptions.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { isSpinlabError, SpinlabError } from '../errors.js';
import { BOUNDED_STRATEGIES, type CoverageSeen, type CoverageWatch, type FindingGroup } from '../explore/index.js';
import type { Exercise } from '../rubric/catalog.js';
import type { GradeResult, GradeStatus, ResultFinding, ResultTiming } from '../rubric/result.js';
import type { Exploration, Rubric } from '../rubric/rubric.js';
import { judgedInvariant, judgedSituations, matches, scoreItems, sharedTarget, total, usedTarget } from '../rubric/score.js';
import { compileDriver, type CompiledDriver } from '../sandbox/compile.js';
import type { Diagnostic } from '../sandbox/diagnostic.js';
import { runSandboxed, type SandboxOutcome } from '../sandbox/run-sandboxed.js';
import { SourceLines } from '../sandbox/source-lines.js';
import { stageSubmission } from '../sandbox/stage.js';
import { typecheckDriver } from '../sandbox/typecheck.js';
import { spinlabVersion } from '../version.js';
import { allPathsGroups, allPathsReport } from './all-paths-groups.js';
import { describeFinding, type ReplayCommand } from './describe-finding.js';
import { foldedDescriber } from './fold-findings.js';
import { lineCoverage } from './line-coverage.js';
import { BUDGET_SPENT, GradingBudget, TYPECHECK_SECONDS, type GradingPhase } from './grading-budget.js';
import { graderFailureMessage } from './grader-failure.js';
import { graderScenario, scenarioCode, type GraderScenario } from './grader-scenario.js';
import { locateSubmission } from './submission.js';
import { explorationOf, graderErrorResult, ungradedResult } from './ungraded-result.js';

export { scenarioCode, ungradedResult };

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
  /**
   * A single .ts file is graded with the files beside it: the student's own working copy
   * (`spinlab check`). Default false: a file stands alone — beside it may be other students' files.
   */
  readonly withFolder?: boolean;
  /** The compiled scenario (default: compiled from the exercise's grader, and cached). */
  readonly scenario?: string;
  /** Told what the exploration saw of the watched routines and paths (null when it did not finish), for selftest's check of the exercise's contract. */
  readonly onSeen?: (seen: CoverageSeen | null) => void;
}

/** What a grading tells its caller as it goes. */
export interface GradeHooks {
  /** A phase starts (a guard names it if the grading overruns). */
  readonly onPhase?: (phase: GradingPhase) => void;
}

/**
 * Grades one submission within its budget ({@link GradingBudget}). Always
 * gives a result for the submission — `grader-error` when spinlab itself
 * fails on it — and throws only for what holds for every submission (a
 * grader whose scenario does not load: SpinlabError).
 */
export async function gradeSubmission(request: GradeRequest, hooks: GradeHooks = {}): Promise<GradeResult> {
  const budget = new GradingBudget(request.exploration.timeLimit);
  const scenario: GraderScenario =
    request.scenario === undefined ? await graderScenario(request.exercise) : { file: join(request.exercise.graderDir, 'scenario.ts'), code: request.scenario };
  try {
    return await gradeWithin(request, scenario, budget, hooks.onPhase ?? (() => undefined));
  } catch (error) {
    if (isSpinlabError(error)) throw error;
    return { ...graderErrorResult(request, request.submission, error), timing: { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: budget.elapsedMs() } };
  }
}

async function gradeWithin(request: GradeRequest, scenario: GraderScenario, budget: GradingBudget, onPhase: (phase: GradingPhase) => void): Promise<GradeResult> {
  const { exercise, exploration } = request;
  const timing = { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: 0 };
  const ungraded = (name: string, message: string, diagnostics: readonly Diagnostic[], status?: Exclude<GradeStatus, 'graded'>, entry?: string): GradeResult => {
    timing.totalMs = budget.elapsedMs();
    return { ...ungradedResult(request, name, message, diagnostics, status, entry), timing };
  };
  onPhase('staging');
  const located = locateSubmission(request.submission, exercise);
  if (!located.ok) return ungraded(request.submission, located.message, []);
  const submission = located.submission;
  const alone = !submission.isFolder && request.withFolder !== true;
  const entry = alone ? basename(submission.entry) : relative(submission.root, submission.entry).split(sep).join('/');
  const overran = (phase: GradingPhase): GradeResult => ungraded(submission.name, `the grading ran past its budget of ${budget.describe()} while ${phase}`, [], 'timed-out', entry);

  const stage = stageSubmission(submission.entry, submission.root, alone);
  if (!stage.ok) return ungraded(submission.name, 'the submission cannot be graded as it is', stage.diagnostics, 'compile-error', entry);
  const staged = stage.staged;
  try {
    let phase = Date.now();
    onPhase('compiling');
    const compiled = await budget.race(compileDriver(staged.entry, staged.root, { alone }));
    timing.compileMs = Date.now() - phase;
    if (compiled === BUDGET_SPENT) return overran('compiling');
    if (!compiled.ok) {
      const diagnostics = compiled.diagnostics.map((d) => withSource(d, staged.root));
      return ungraded(submission.name, 'the submission does not compile', diagnostics, 'compile-error', entry);
    }
    const driver = compiled.driver;
    // The static all-paths rule reads the source once; its findings join the exploration's.
    const staticGroups = allPathsGroups(await allPathsReport(driver));

    phase = Date.now();
    const wantsTypecheck = request.typecheck !== false;
    if (wantsTypecheck) onPhase('type-checking');
    const typecheckLimits = { timeoutMs: budget.limitFor(Math.min(exploration.timeLimit, TYPECHECK_SECONDS) * 1000), memoryMb: request.memoryMb };
    const typeDiagnostics = wantsTypecheck ? await typecheckDriver(staged, driver.files, typecheckLimits) : [];
    timing.typecheckMs = Date.now() - phase;
    if (budget.expired()) return overran('type-checking');

    phase = Date.now();
    onPhase('exploring');
    const exploreMs = budget.limitFor(exploration.timeLimit * 1000);
    const outcome = await runSandboxed(driver, scenario.code, { ...exploration, watch: coverageWatch(request) }, { timeoutMs: exploreMs, memoryMb: request.memoryMb });
    timing.exploreMs = Date.now() - phase;
    if (outcome.graderFault) {
      throw new SpinlabError('SPINLAB_SCENARIO_INVALID', `the grader of ${exercise.id} failed before the driver ran: ${outcome.reason ?? 'unknown reason'}`);
    }

    onPhase('reporting');
    const result = finish(request, scenario, submission.name, entry, timing, { ...outcome, groups: [...outcome.groups, ...staticGroups] }, driver, typeDiagnostics, wantsTypecheck, exploreMs);
    timing.totalMs = budget.elapsedMs();
    return result;
  } finally {
    staged.remove();
  }
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
  exploreMs: number,
): GradeResult {
  const { rubric, exploration } = request;
  const schedulesRun = outcome.result?.schedulesRun ?? outcome.schedulesRun;
  const faultRuns = outcome.result?.faults?.runs ?? 0;
  const groups: readonly FindingGroup[] = outcome.groups;
  const seen = outcome.result === null ? null : seenOf(outcome.result.seen, coverageWatch(request));
  request.onSeen?.(seen);
  // An item lists a group, and so describes it, as often as items look at it: described once each.
  const { describe } = foldedDescriber(groups, (group) => {
    const description = describeFinding(group, driver, request.replay ?? null);
    return group.output === undefined ? description : { ...description, output: group.output };
  });
  const items = scoreItems(
    rubric.items,
    {
      groups,
      // A bounded search that ran out of schedules planned no more.
      // Fault runs are schedules too: an item failed in one of them failed in one of these.
      schedulesPlanned: (BOUNDED_STRATEGIES.includes(exploration.strategy) && outcome.result?.exhausted === true ? schedulesRun : exploration.schedules) + faultRuns,
      schedulesRun: schedulesRun + faultRuns,
      complete: outcome.status === 'done',
      typecheck: typechecked ? typeDiagnostics : null,
      undecided: outcome.undecided.map((u) => u.schedule),
      seen,
      oneWorkload: BOUNDED_STRATEGIES.includes(exploration.strategy),
    },
    describe,
  );
  const unscored = groups.filter((group) => !rubric.items.some((item) => matches(item, group))).slice(0, 10).map(describe);
  const graderFailed = outcome.undecided.length > 0 || (outcome.status === 'done' && schedulesRun === 0);
  const status: GradeStatus = graderFailed ? 'grader-error' : outcome.status === 'done' ? 'graded' : outcome.status;
  const message = graderFailed
    ? graderFailureMessage(outcome.undecided, schedulesRun, scenario)
    : outcome.status === 'timed-out'
      ? `${exploreMs < exploration.timeLimit * 1000 ? `the grading's budget left the exploration ${(exploreMs / 1000).toFixed(1)} s of its ${exploration.timeLimit} s, and it did not finish in them` : `the exploration did not finish within ${exploration.timeLimit} s`} (an unbounded loop that never calls the kernel?); ${schedulesRun} of ${exploration.schedules} schedules were decided`
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
    exploration: explorationOf(
      exploration,
      schedulesRun,
      outcome.result === null ? null : { exhausted: outcome.result.exhausted, cpus: outcome.result.cpus, search: outcome.result.search, faults: outcome.result.faults, clean: status === 'graded' && groups.length === 0 },
    ),
    timing,
    items,
    unscored,
    diagnostics: typeDiagnostics,
    output: outcome.result?.output ?? '',
    ...(outcome.ran === null ? {} : { coverage: lineCoverage(driver.statements, outcome.ran) }),
  };
}

/** The distinct names of `names`, undefined left out. */
function unique<T extends string>(names: ReadonlyArray<T | undefined>): T[] {
  return [...new Set(names.filter((name): name is T => name !== undefined))];
}

/**
 * What the exploration must say it saw: the routines and targets the rubric
 * filters on, the exercise's contract (for selftest), and what the rubric's
 * items take as evidence (see score.ts): invariants judged, locks and lists
 * used, fields shared, locks nested.
 */
export function coverageWatch(request: Pick<GradeRequest, 'exercise' | 'rubric'>): CoverageWatch {
  const { exercise, rubric } = request;
  return {
    routines: unique([...rubric.items.map((item) => item.routine), ...(exercise.routines ?? [])]),
    paths: unique([...rubric.items.map((item) => item.target), ...(exercise.fields ?? [])]),
    invariants: unique(rubric.items.map(judgedInvariant)),
    used: unique(rubric.items.map(usedTarget)),
    shared: unique(rubric.items.map(sharedTarget)),
    situations: unique(rubric.items.flatMap(judgedSituations)),
  };
}

/** What the child says it saw, kept to what was asked (it may say no more than that). */
function seenOf(seen: CoverageSeen, watch: CoverageWatch): CoverageSeen {
  const asked = <T extends string>(said: readonly T[], watched: readonly T[] = []): T[] => said.filter((name) => watched.includes(name));
  return {
    routines: asked(seen.routines, watch.routines),
    paths: asked(seen.paths, watch.paths),
    invariants: asked(seen.invariants, watch.invariants),
    used: asked(seen.used, watch.used),
    shared: asked(seen.shared, watch.shared),
    situations: asked(seen.situations, watch.situations),
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
