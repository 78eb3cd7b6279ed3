/** `spinlab grade <exercise> <submission>`: staff grading of one submission, every item, any format. */
import { scenarioCode } from '../../grade/grader-scenario.js';
import { GradingPool } from '../../grade/guarded-grading.js';
import type { GradeResult } from '../../rubric/result.js';
import { exitCodeOf, type ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { chooseReporter } from '../format.js';
import type { GradingFlags } from '../options.js';
import { gradingSetup, type GradingSetup } from '../setup.js';
import { replayReaderOf, replayTemplate } from '../replay-command.js';
import { writeStaffReport } from '../staff-report.js';
import { requireWritableFile, requireWritableFolder } from '../output-paths.js';
import { guardLines, visibleText } from '../../report/sanitize.js';

/** Options of `spinlab grade`. */
export interface GradeFlags extends GradingFlags {
  readonly format?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly base64?: boolean;
  /** With `--format junit`: include hidden items. */
  readonly hidden?: boolean;
  /** A folder for one timeline page per failing item (`<item-id>.html`). */
  readonly html?: string;
}

export async function runGrade(exerciseId: string, submission: string, flags: GradeFlags, io: CommandIo): Promise<ExitCode> {
  const { format, reporter } = chooseReporter(flags);
  // Before grading: a wrong --out must not cost the grading it would have held.
  if (flags.out !== undefined) requireWritableFile(flags.out);
  if (flags.html !== undefined) requireWritableFolder(flags.html);
  const { setup, result } = await gradeGuarded(exerciseId, submission, flags, format);
  writeStaffReport(result, format, reporter, flags, io);
  if (flags.html !== undefined) {
    // Replaying needs the compiler and the sandbox in this thread: loaded only when asked for.
    const { writeItemPages } = await import('./html-pages.js');
    await writeItemPages(result, setup, submission, flags.html, io);
  }
  if (result.status === 'grader-error') io.err(guardLines(`spinlab: ${visibleText(result.message ?? 'the grader failed')}\n`));
  return exitCodeOf(result);
}

/** Sets the grading up and grades it in a guarded worker, which loads while the rubric and the scenario are prepared here. */
async function gradeGuarded(exerciseId: string, submission: string, flags: GradeFlags, format: string): Promise<{ setup: GradingSetup; result: GradeResult }> {
  const pool = new GradingPool(1);
  try {
    const setup = await gradingSetup(exerciseId, flags);
    const replay = replayTemplate(setup.exercise, submission, flags, { reader: replayReaderOf(format) });
    return { setup, result: await pool.grade({ ...setup, submission, typecheck: flags.typecheck, replay, scenario: await scenarioCode(setup.exercise) }) };
  } finally {
    pool.close();
  }
}
