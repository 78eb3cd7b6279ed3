/**
 * The lines of line coverage a report shows (text, Gradescope, JUnit): the
 * never-ran ranges of the result's `coverage`, one a line, at most a few
 * so a report stays one screen, and nothing when every statement ran.
 */
import type { ResultCoverage, ResultNeverRan } from '../rubric/result.js';

/** Ranges a report lists before "and N more". */
export const RANGES_SHOWN = 5;

/**
 * The report's lines for `coverage` (none when it is absent or every
 * statement ran): a heading, then each range as `file lines 78–81 (Routine)`.
 */
export function neverRanLines(coverage: ResultCoverage | undefined, shown = RANGES_SHOWN): string[] {
  if (coverage === undefined || coverage.neverRan.length === 0) return [];
  const { total, ran } = coverage.statements;
  const lines = [`Never ran in any schedule — spinlab cannot vouch for these lines (${ran} of ${total} statements ran):`];
  for (const range of coverage.neverRan.slice(0, shown)) lines.push(`  ${rangeText(range)}`);
  const more = coverage.neverRan.length - Math.min(shown, coverage.neverRan.length) + coverage.omitted;
  if (more > 0) lines.push(`  and ${more} more`);
  return lines;
}

/** `driver.ts lines 78–81 (DispatchRead)`, `driver.ts line 12`. */
export function rangeText(range: ResultNeverRan): string {
  const lines = range.from === range.to ? `line ${range.from}` : `lines ${range.from}–${range.to}`;
  return `${range.file} ${lines}${range.routine === null ? '' : ` (${range.routine})`}`;
}
