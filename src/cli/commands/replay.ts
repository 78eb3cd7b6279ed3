/** `spinlab replay <exercise> <file> --schedule CODE`: one schedule, exactly, with a per-CPU timeline. */
import { SpinlabError } from '../../errors.js';
import { describeFinding } from '../../grade/describe-finding.js';
import { scenarioCode } from '../../grade/grade-submission.js';
import { requireSubmission } from '../../grade/submission.js';
import { isScheduleCode } from '../../explore/index.js';
import { compileDriver } from '../../sandbox/compile.js';
import { formatDiagnostic, placeOf, renderTimeline } from '../../report/index.js';
import { runSandboxed } from '../../sandbox/run-sandboxed.js';
import { stageSubmission } from '../../sandbox/stage.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage, type GradingFlags } from '../options.js';
import { gradingSetup } from '../setup.js';

/** Options of `spinlab replay`. */
export interface ReplayFlags extends GradingFlags {
  readonly schedule?: string;
  readonly json?: boolean;
}

export async function runReplay(exerciseId: string, file: string, flags: ReplayFlags, io: CommandIo): Promise<ExitCode> {
  if (flags.schedule === undefined) throw usage('replay needs --schedule CODE (the code printed beside a finding)');
  if (!isScheduleCode(flags.schedule)) {
    throw new SpinlabError('SPINLAB_SCHEDULE_INVALID', `\`${flags.schedule.slice(0, 40)}\` is not a schedule code`, 'copy the whole code from the finding’s replay command');
  }
  const setup = gradingSetup(exerciseId, flags);
  const submission = requireSubmission(file, setup.exercise);
  const stage = stageSubmission(submission.entry, submission.root);
  const compiled = stage.ok ? await compileDriver(stage.staged.entry, stage.staged.root).finally(() => stage.staged.remove()) : stage;
  if (!compiled.ok) {
    for (const diagnostic of compiled.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
    return ExitCode.BelowFull;
  }
  const driver = compiled.driver;
  const outcome = await runSandboxed(
    driver,
    await scenarioCode(setup.exercise),
    { ...setup.exploration, strategy: 'replay', schedules: 1, schedule: flags.schedule, timeline: true },
    { timeoutMs: setup.exploration.timeLimit * 1000 },
  );
  const result = outcome.result;
  if (result === null) {
    io.err(`spinlab: the replay ${outcome.status === 'timed-out' ? 'timed out' : `crashed: ${outcome.reason ?? ''}`}\n`);
    return ExitCode.BelowFull;
  }
  if (result.divergence !== null) {
    throw new SpinlabError(
      'SPINLAB_SCHEDULE_INVALID',
      `the schedule does not match this submission: ${result.divergence}`,
      'a schedule code replays only the exact code (and spinlab version, CPUs and rubric) that produced it',
    );
  }
  const findings = result.groups.map((group) => describeFinding(group, driver, null));
  if (flags.json === true) {
    io.out(`${JSON.stringify({ exercise: setup.exercise.id, submission: file, schedule: flags.schedule, cpus: result.cpus, timeline: result.timeline, findings }, null, 2)}\n`);
    return ExitCode.Ok;
  }
  io.out(renderTimeline(result.timeline, result.cpus, io.color));
  io.out(`\n${findings.length === 0 ? 'no findings in this schedule' : `${findings.length} finding(s) in this schedule:`}\n`);
  for (const finding of findings) {
    const at = placeOf(finding.location);
    io.out(`\n${finding.check} (${finding.rule})${at === '' ? '' : ` ${at}`}\n  ${finding.message}\n`);
  }
  return ExitCode.Ok;
}
