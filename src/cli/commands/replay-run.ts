/**
 * Running one schedule exactly, with a timeline, for `spinlab replay` and
 * `spinlab grade --html`: compile, replay in the sandbox, and turn the run
 * into the timeline the reporters draw (student places resolved here, so
 * the reporters never see the bundle).
 */
import { basename, relative, sep } from 'node:path';
import type { ExploreResult, FindingGroup } from '../../explore/index.js';
import { describeFinding } from '../../grade/describe-finding.js';
import { studentModules } from '../../grade/all-paths-groups.js';
import { foldedDescriber } from '../../grade/fold-findings.js';
import { graderFailureMessage } from '../../grade/grader-failure.js';
import { graderScenario } from '../../grade/grader-scenario.js';
import { requireSubmission } from '../../grade/submission.js';
import type { Timeline, TimelineEntry, TimelineFinding } from '../../report/index.js';
import type { ResultFinding } from '../../rubric/result.js';
import { compileDriver, type CompiledDriver } from '../../sandbox/compile.js';
import type { Diagnostic } from '../../sandbox/diagnostic.js';
import { runSandboxed } from '../../sandbox/run-sandboxed.js';
import { toSourceSite } from '../../sandbox/source-site.js';
import { stageSubmission } from '../../sandbox/stage.js';
import type { GradingSetup } from '../setup.js';

/** How a replay ended. */
export type ReplayRun =
  | { readonly status: 'replayed'; readonly driver: CompiledDriver; readonly result: ExploreResult; readonly entry: string }
  | { readonly status: 'compile-error'; readonly diagnostics: readonly Diagnostic[] }
  /** The sandbox timed out or crashed: `reason` says which. */
  | { readonly status: 'failed'; readonly reason: string }
  /** The code does not match this submission: `reason` says where the run left it. */
  | { readonly status: 'diverged'; readonly reason: string }
  /** The grader could not decide the schedule (its scenario or an invariant threw, spinlab failed): `reason` says where. */
  | { readonly status: 'grader-error'; readonly reason: string };

/** Replays schedule `code` of `file` (a driver file or a submission folder) under `setup`, recording a timeline. */
export async function replaySchedule(setup: GradingSetup, file: string, code: string): Promise<ReplayRun> {
  const submission = requireSubmission(file, setup.exercise);
  // A single file is replayed as it was graded: alone (`spinlab check` names its student's folder instead).
  const alone = !submission.isFolder;
  const stage = stageSubmission(submission.entry, submission.root, alone);
  const compiled = stage.ok ? await compileDriver(stage.staged.entry, stage.staged.root, { alone }).finally(() => stage.staged.remove()) : stage;
  if (!compiled.ok) return { status: 'compile-error', diagnostics: compiled.diagnostics };
  const driver = compiled.driver;
  // Parsed now on esbuild's running service, so that describing a finding's return site does not start its synchronous one.
  await studentModules(driver);
  const scenario = await graderScenario(setup.exercise);
  const outcome = await runSandboxed(
    driver,
    scenario.code,
    { ...setup.exploration, strategy: 'replay', schedules: 1, schedule: code, timeline: true },
    { timeoutMs: setup.exploration.timeLimit * 1000 },
  );
  const result = outcome.result;
  if (result === null) return { status: 'failed', reason: outcome.status === 'timed-out' ? 'timed out' : `crashed: ${outcome.reason ?? ''}` };
  if (result.divergence !== null) return { status: 'diverged', reason: result.divergence };
  if (result.undecided.length > 0) return { status: 'grader-error', reason: graderFailureMessage(result.undecided, result.schedulesRun, scenario) };
  return { status: 'replayed', driver, result, entry: alone ? basename(submission.entry) : relative(submission.root, submission.entry).split(sep).join('/') };
}

/** What a timeline is titled with. */
export interface TimelineTitle {
  readonly exercise: string;
  /** The submission as the user named it. */
  readonly submission: string;
  readonly schedule: string;
}

/** The timeline of a replayed run, with each line's student place and each finding's steps. */
export function timelineOf(run: Extract<ReplayRun, { status: 'replayed' }>, title: TimelineTitle): Timeline {
  const { driver, result } = run;
  const entries: TimelineEntry[] = result.timeline.map((entry) => {
    const position = toSourceSite(driver, entry.site);
    if (position === undefined) return entry;
    return { ...entry, place: { file: position.file, line: position.line, source: driver.map.sourceLine(position.file, position.line) ?? null } };
  });
  return { ...title, cpus: result.cpus, entry: run.entry, entries, findings: foldedFindings(result.groups, driver) };
}

/** The findings in legend order, one cause, one block: each cause, then what follows from it (numbered after it, pointing back). */
function foldedFindings(groups: readonly FindingGroup[], driver: CompiledDriver): TimelineFinding[] {
  const { causes, describe } = foldedDescriber(groups, (group) => describeFinding(group, driver, null));
  const findings: TimelineFinding[] = [];
  for (const group of groups) {
    if (causes.has(group)) continue;
    const number = findings.length + 1;
    findings.push(findingOf(group, describe(group)));
    for (const [consequence, cause] of causes) if (cause === group) findings.push({ ...findingOf(consequence, describe(consequence)), causeNumber: number });
  }
  return findings;
}

function findingOf(group: FindingGroup, finding: ResultFinding): TimelineFinding {
  const f = group.finding;
  return {
    finding,
    seq: f.seq,
    // A related site of another schedule (a lock-order edge) is not on this timeline.
    relatedSeqs: (f.related ?? []).map((r) => (r.schedule === undefined || r.schedule === f.schedule ? r.seq : null)),
  };
}
