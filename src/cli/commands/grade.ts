/** `spinlab grade <exercise> <submission>`: staff grading of one submission, every item, any format. */
import { gradeSubmission } from '../../grade/grade-submission.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { chooseReporter } from '../format.js';
import type { GradingFlags } from '../options.js';
import { gradingSetup, replayCommand } from '../setup.js';
import { writeStaffReport } from '../staff-report.js';
import { writeItemPages } from './html-pages.js';

/** Options of `spinlab grade`. */
export interface GradeFlags extends GradingFlags {
  readonly format?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly base64?: boolean;
  /** A folder for one timeline page per failing item (`<item-id>.html`). */
  readonly html?: string;
}

export async function runGrade(exerciseId: string, submission: string, flags: GradeFlags, io: CommandIo): Promise<ExitCode> {
  const { format, reporter } = chooseReporter(flags);
  const setup = gradingSetup(exerciseId, flags);
  const result = await gradeSubmission({
    ...setup,
    submission,
    typecheck: flags.typecheck,
    replay: replayCommand(setup.exercise.id, submission, flags),
  });
  writeStaffReport(result, format, reporter, flags, io);
  if (flags.html !== undefined) await writeItemPages(result, setup, submission, flags.html, io);
  return result.status === 'graded' && result.score >= result.maxScore ? ExitCode.Ok : ExitCode.BelowFull;
}
