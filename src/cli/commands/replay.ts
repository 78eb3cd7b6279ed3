/** `spinlab replay <exercise> <file> --schedule CODE`: one schedule, exactly, with a per-CPU timeline (and `--html FILE`, a page of it). */
import { SpinlabError } from '../../errors.js';
import { scheduleCodeDamage } from '../../explore/index.js';
import { formatDiagnostic, guardLines, inertJson, renderTimeline, renderTimelineHtml, visibleText } from '../../report/index.js';
import { writeAtomic } from '../atomic-write.js';
import { requireWritableFile } from '../output-paths.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage, type GradingFlags } from '../options.js';
import { gradingSetup } from '../setup.js';
import { replayCommand } from '../replay-command.js';
import { replaySchedule, timelineOf } from './replay-run.js';

/** Options of `spinlab replay`. */
export interface ReplayFlags extends GradingFlags {
  readonly schedule?: string;
  readonly json?: boolean;
  /** Also write the timeline as one self-contained HTML page to this file. */
  readonly html?: string;
}

export async function runReplay(exerciseId: string, file: string, flags: ReplayFlags, io: CommandIo): Promise<ExitCode> {
  if (flags.schedule === undefined) throw usage('replay needs --schedule CODE (the code printed beside a finding)');
  const damage = scheduleCodeDamage(flags.schedule);
  if (damage !== null) {
    throw new SpinlabError(
      'SPINLAB_SCHEDULE_MISTYPED',
      `this schedule code is mistyped (${damage}) — copy it again from the report`,
      'copy the whole replay command beside the finding (a code made by another spinlab version must be made again: run check again)',
    );
  }
  if (flags.html !== undefined) requireWritableFile(flags.html);
  const setup = await gradingSetup(exerciseId, flags);
  const run = await replaySchedule(setup, file, flags.schedule);
  if (run.status === 'compile-error') {
    for (const diagnostic of run.diagnostics) io.err(guardLines(`${formatDiagnostic(diagnostic)}\n`));
    return ExitCode.BelowFull;
  }
  if (run.status === 'failed') {
    io.err(guardLines(`spinlab: the replay ${visibleText(run.reason)}\n`));
    return ExitCode.BelowFull;
  }
  if (run.status === 'grader-error') {
    io.err(`spinlab: ${run.reason}\n`);
    return ExitCode.GraderError;
  }
  if (run.status === 'diverged') {
    throw new SpinlabError(
      'SPINLAB_SCHEDULE_INVALID',
      `the driver changed since this code was made (or the spinlab version, --cpus or rubric did): ${run.reason}`,
      'a schedule code replays only the exact code (and spinlab version, CPUs and rubric) that produced it: run check again for a new code',
    );
  }
  const timeline = { ...timelineOf(run, { exercise: setup.exercise.id, submission: file, schedule: flags.schedule }), replay: replayCommand(setup.exercise, file, flags)(flags.schedule) };
  if (flags.html !== undefined) writeAtomic(flags.html, renderTimelineHtml(timeline));
  if (flags.json === true) {
    const findings = timeline.findings.map((f) => f.finding);
    io.out(`${inertJson({ exercise: setup.exercise.id, submission: file, schedule: flags.schedule, cpus: run.result.cpus, timeline: run.result.timeline, findings }, 2)}\n`);
    return ExitCode.Ok;
  }
  io.out(renderTimeline(timeline, { color: io.color }));
  if (flags.html !== undefined) io.out(guardLines(`\nwrote the timeline page to ${visibleText(flags.html)}\n`));
  return ExitCode.Ok;
}
