/**
 * `spinlab check [exercise] [file]`: a student's run — visible items only,
 * colored report, replay commands; `--watch` re-runs on every save.
 */
import { existsSync, watch } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { SpinlabError } from '../../errors.js';
import { gradeSubmission } from '../../grade/grade-submission.js';
import { requireSubmission } from '../../grade/submission.js';
import { faultText } from '../../grade/ungraded-result.js';
import { exerciseInFolder, findExercise, type Exercise } from '../../rubric/catalog.js';
import { guardLines, studentView, visibleText } from '../../report/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { chooseReporter, submissionDirFor } from '../format.js';
import type { GradingFlags } from '../options.js';
import { setupFor } from '../setup.js';
import { printedCommand } from '../printed-command.js';
import { replayCommand, replayReaderOf } from '../replay-command.js';
import { watchScreenStart } from '../watch-screen.js';
import { checkPagePath, writeCheckPage, type CheckPageFlags } from './html-pages.js';

/** What a student reads when the grader itself failed (the report above it says how). */
export const GRADER_FAILED_FOR_STUDENTS =
  'spinlab: the grader itself failed, not your code, so this run says nothing about your work; please tell your course staff, with the message above.';

/** Options of `spinlab check`. */
export interface CheckFlags extends GradingFlags, CheckPageFlags {
  readonly watch?: boolean;
  /** Every finding of each lost item, as text (default: the first). */
  readonly all?: boolean;
  readonly json?: boolean;
  readonly format?: string;
}

/** Which exercise and file: from the arguments, or from the folder the command runs in. */
function resolveTarget(exerciseId: string | undefined, file: string | undefined, flags: CheckFlags): { exercise: Exercise; submission: string } {
  const cwd = process.cwd();
  if (exerciseId === undefined) {
    const here = exerciseInFolder(cwd, { graders: flags.graders });
    if (here === undefined) {
      throw new SpinlabError(
        'SPINLAB_USAGE',
        'this folder is not an exercise (it has no exercise.json)',
        `run \`${printedCommand(['check'])}\` inside an exercise folder, or name one: \`${printedCommand(['check', '01-initialize-lock', 'driver.ts'])}\` (see \`${printedCommand(['list'])}\`)`,
      );
    }
    return { exercise: here, submission: relative(cwd, join(cwd, here.student)) || here.student };
  }
  const exercise = findExercise(exerciseId, { graders: flags.graders });
  if (file !== undefined) {
    // A student's mistyped path is their usage error (exit 2, with the name they meant), not a 0 score.
    requireSubmission(file, exercise);
    return { exercise, submission: file };
  }
  if (existsSync(join(cwd, exercise.student)) && exerciseInFolder(cwd, { graders: flags.graders })?.id === exercise.id) {
    return { exercise, submission: exercise.student };
  }
  // No file named: check the exercise's own starter, as a newcomer's first run does.
  return { exercise, submission: relative(cwd, join(exercise.dir, exercise.student)) };
}

export async function runCheck(exerciseId: string | undefined, file: string | undefined, flags: CheckFlags, io: CommandIo): Promise<ExitCode> {
  const { format, reporter } = chooseReporter(flags);
  const { exercise, submission } = resolveTarget(exerciseId, file, flags);
  const page = checkPagePath(flags);
  let opened = false;
  const setup = await setupFor(exercise, flags);
  // The student's own working copy: a file is checked with the files beside it, and replayed so (by its folder).
  const replayTarget = basename(submission) === exercise.student ? dirname(submission) : submission;
  // Not in a guarded worker: a student's own run on their own machine starts a second sooner (Ctrl+C stops it).
  const once = async (): Promise<ExitCode> => {
    const result = await gradeSubmission({ ...setup, submission, withFolder: true, typecheck: flags.typecheck, replay: replayCommand(exercise, replayTarget, flags, { reader: replayReaderOf(format) }) });
    // Whatever the format, a student's run shows only what a student may see: no hidden item, in JSON either.
    const view = studentView(result);
    io.out(reporter(view, { color: io.color, audience: 'student', verbose: flags.all === true, submissionDir: submissionDirFor(format, view.submission) }));
    if (view.status === 'grader-error') {
      io.err(`${GRADER_FAILED_FOR_STUDENTS}\n`);
      return ExitCode.GraderError;
    }
    if (page !== undefined) await writeCheckPage(view, setup, replayTarget, page, flags.open === true && !opened, io);
    opened = true;
    const full = view.status === 'graded' && view.items.every((item) => item.points >= item.maxPoints);
    return full ? ExitCode.Ok : ExitCode.BelowFull;
  };
  if (flags.watch !== true) return once();
  return watchAndCheck(submission, once, io);
}

/** Re-runs `once` whenever a file of the submission changes, until interrupted; each run starts a fresh screen (see {@link watchScreenStart}). */
async function watchAndCheck(submission: string, once: () => Promise<ExitCode>, io: CommandIo): Promise<never> {
  const folder = existsSync(submission) && !submission.endsWith('.ts') ? submission : join(submission, '..');
  let running = false;
  let again = false;
  let runs = 0;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    io.out(watchScreenStart(io.tty, ++runs));
    try {
      await once();
    } catch (error) {
      io.err(guardLines(`spinlab: ${visibleText(faultText(error))}\n`));
    }
    io.out(guardLines(`\nwatching ${visibleText(folder)} — save a file to check again (Ctrl+C to stop)\n`));
    running = false;
    if (again) {
      again = false;
      await run();
    }
  };
  let timer: NodeJS.Timeout | undefined;
  watch(folder, { recursive: false }, (_event, name) => {
    if (name !== null && !String(name).endsWith('.ts')) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  });
  await run();
  return new Promise<never>(() => undefined);
}
