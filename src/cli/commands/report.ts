/**
 * `spinlab report <result.json>`: a written result (a file of `spinlab
 * batch`, or of `spinlab grade --format json`) in any format, exactly as
 * `spinlab grade` prints that result — without grading again. For staff:
 * every item.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SpinlabError } from '../../errors.js';
import type { GradeResult } from '../../rubric/result.js';
import { validateAgainst } from '../../rubric/schemas.js';
import { ExitCode } from '../exit-codes.js';
import { chooseReporter } from '../format.js';
import type { CommandIo } from '../io.js';
import { usage } from '../options.js';
import { replayReaderOf } from '../replay-command.js';
import { writeStaffReport, type StaffReportFlags } from '../staff-report.js';
import { forUploadReader } from '../upload-replay.js';

/** Options of `spinlab report`. */
export interface ReportFlags extends StaffReportFlags {
  readonly format?: string;
}

export async function runReport(file: string, flags: ReportFlags, io: CommandIo): Promise<ExitCode> {
  const { format, reporter } = chooseReporter(flags);
  const result = readResult(file);
  // A result holds its replay commands as they read where `grade` ran; Gradescope's reader stands at the top of the upload.
  writeStaffReport(replayReaderOf(format) === 'upload' ? forUploadReader(result) : result, format, reporter, flags, io);
  return ExitCode.Ok;
}

/** The result in `file`, valid against the result schema. Throws a usage error for a missing file, SPINLAB_RESULT_INVALID for anything else. */
function readResult(file: string): GradeResult {
  if (!existsSync(file)) throw usage(`${file} does not exist`, 'pass a result file written by `spinlab batch` or `spinlab grade --format json --out FILE`');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(file, [error instanceof Error ? error.message : String(error)]);
  }
  const errors = validateAgainst('result', data);
  if (errors.length > 0) throw invalid(file, errors);
  return data as GradeResult;
}

function invalid(file: string, errors: readonly string[]): SpinlabError {
  return new SpinlabError(
    'SPINLAB_RESULT_INVALID',
    `${file} is not a spinlab result:\n  ${errors.slice(0, 5).join('\n  ')}${errors.length > 5 ? `\n  (+${errors.length - 5} more)` : ''}`,
    'pass a result file written by `spinlab batch` or `spinlab grade --format json --out FILE`',
  );
}
