/**
 * Every report format by name: the list of valid `--format` values. Each
 * reporter renders the result JSON, within the size bound (see
 * `within-bound.ts`); only the text reporter uses color.
 */
import type { GradeResult } from '../rubric/result.js';
import { renderClassroom } from './classroom.js';
import { renderGithub } from './github.js';
import { renderGradescope } from './gradescope.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderText, type TextOptions } from './text.js';
import { renderWithin } from './within-bound.js';

/** What a reporter may need besides the result. */
export interface ReportOptions extends TextOptions {
  /** For `classroom`: base64-encode the output. */
  readonly base64?: boolean;
  /** For `github` and `junit`: the submission folder from the repository root, with `/` (see `GithubOptions`). */
  readonly submissionDir?: string;
  /** For `junit`: include hidden items (`--hidden`; never in a student's run). */
  readonly hidden?: boolean;
}

/** A reporter for one graded submission. */
export type Reporter = (result: GradeResult, options: ReportOptions) => string;

/** The reporters, by `--format` name. */
export const REPORTERS: Readonly<Record<string, Reporter>> = {
  text: (result, options) => renderWithin(result, (within) => renderText(within, options)),
  json: (result) => renderJson(result),
  junit: (result, options) => renderWithin(result, (within) => renderJunit([within], { submissionDir: options.submissionDir, hidden: options.hidden })),
  'junit-jenkins': (result, options) => renderWithin(result, (within) => renderJunit([within], { flavor: 'jenkins', hidden: options.hidden })),
  gradescope: (result) => renderWithin(result, renderGradescope),
  github: (result, options) => renderWithin(result, (within) => renderGithub(within, { submissionDir: options.submissionDir })),
  classroom: (result, options) => renderWithin(result, (within) => renderClassroom(within, options.base64 === true)),
};

/** The valid `--format` names. */
export const FORMAT_NAMES = Object.keys(REPORTERS);

export { forExcel, renderCsv, parseCsv, rowOf, type GradeRow } from './csv.js';
export { renderGithubSummary } from './github.js';
export { renderJson } from './json.js';
export { renderJunit } from './junit.js';
export { renderTimeline, timelineRows, type Timeline, type TimelineEntry, type TimelineFinding, type TimelineRow, type TimelineMark, type SourcePlace } from './timeline.js';
export { renderTimelineHtml } from './timeline-bound.js';
export { formatDiagnostic } from './diagnostic-text.js';
export { formatChecks } from './checks-table.js';
export { itemsFor, studentView } from './items.js';
export { placeOf } from './place.js';
export { renderWithin } from './within-bound.js';
export { guardLines, inertJson, visibleText } from './sanitize.js';
export { classFigures, mostLost, type ClassFigures, type ItemFigures } from './class-figures.js';
export { mostLostLine, renderClassReportHtml, renderItemsCsv } from './class-report.js';
export { diffClasses, type ClassDiff, type StudentChange, type ItemChange, type ItemShift } from './class-diff.js';
export { renderClassDiffText } from './class-diff-text.js';
