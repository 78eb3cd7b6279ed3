/** `spinlab grade <exercise> <submission>`: staff grading of one submission, every item, any format. */
import { appendFileSync } from 'node:fs';
import { gradeSubmission } from '../../grade/grade-submission.js';
import { renderGithubSummary } from '../../report/index.js';
import { writeAtomic } from '../atomic-write.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { chooseReporter, submissionDirFor } from '../format.js';
import type { GradingFlags } from '../options.js';
import { gradingSetup, replayCommand } from '../setup.js';
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
  const setup = await gradingSetup(exerciseId, flags);
  const result = await gradeSubmission({
    ...setup,
    submission,
    typecheck: flags.typecheck,
    replay: replayCommand(setup.exercise.id, submission, flags),
  });
  // GitHub matches an annotation's file from the repository root: found once, for the annotations and the summary.
  const submissionDir = submissionDirFor(format, result.submission);
  const rendered = reporter(result, { color: io.color && flags.out === undefined, audience: 'staff', base64: flags.base64, submissionDir });
  if (flags.out === undefined) io.out(rendered);
  else writeAtomic(flags.out, rendered);
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summary !== undefined && summary !== '') {
    appendFileSync(summary, renderGithubSummary([result], { submissionDir }));
  }
  if (flags.html !== undefined) await writeItemPages(result, setup, submission, flags.html, io);
  if (result.status === 'grader-error') {
    io.err(`spinlab: ${result.message ?? 'the grader failed'}\n`);
    return ExitCode.GraderError;
  }
  return result.status === 'graded' && result.score >= result.maxScore ? ExitCode.Ok : ExitCode.BelowFull;
}
