/** How a staff command writes one result's report: `spinlab grade`, and `spinlab report` from a written result, alike. */
import { appendFileSync } from 'node:fs';
import { renderGithubSummary, renderWithin, type Reporter } from '../report/index.js';
import type { GradeResult } from '../rubric/result.js';
import { writeAtomic } from './atomic-write.js';
import { submissionDirFor } from './format.js';
import type { CommandIo } from './io.js';

/** The options that shape a staff report. */
export interface StaffReportFlags {
  readonly out?: string;
  readonly base64?: boolean;
  readonly hidden?: boolean;
}

/**
 * Renders `result` for staff (every item) in `format` and prints it, or
 * writes it atomically to `--out`; colors only on a terminal. For `github`,
 * also appends the job summary (within the size bound, as every report) to
 * `$GITHUB_STEP_SUMMARY` when it is set.
 */
export function writeStaffReport(result: GradeResult, format: string, reporter: Reporter, flags: StaffReportFlags, io: CommandIo): void {
  // GitHub matches an annotation's file from the repository root: found once, for the annotations and the summary.
  const submissionDir = submissionDirFor(format, result.submission);
  const rendered = reporter(result, { color: io.color && flags.out === undefined, audience: 'staff', base64: flags.base64, hidden: flags.hidden, submissionDir });
  if (flags.out === undefined) io.out(rendered);
  else writeAtomic(flags.out, rendered);
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summary !== undefined && summary !== '') {
    appendFileSync(summary, renderWithin(result, (within) => renderGithubSummary([within], { submissionDir })));
  }
}
