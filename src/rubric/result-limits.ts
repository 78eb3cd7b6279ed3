/**
 * How big a result may be. Every string a submission controls is capped in
 * a result (its findings as they are described, its diagnostics, its output,
 * its message), and a result too big for a report is cut further, level by
 * level — fewer findings per item, shorter texts — until its report fits
 * {@link MAX_REPORT_BYTES}. Scores, points, statuses and counts are never
 * touched: only what explains them gets shorter.
 */
import { capText } from '../text-cap.js';
import type { GradeResult, ResultCoverage, ResultFinding, ResultRelated } from './result.js';
import type { Diagnostic } from '../sandbox/diagnostic.js';

/** No report spinlab writes (any format, a result file, a timeline page) is larger, whatever the driver does. */
export const MAX_REPORT_BYTES = 1024 * 1024;

/** The caps of one level. */
export interface ResultLimits {
  /** A message: a finding's, a diagnostic's, the result's own. */
  readonly text: number;
  /** A name: routine, context, lock, field, file, a related site's label. */
  readonly name: number;
  /** A line of the student's source. */
  readonly source: number;
  /** What the driver printed. */
  readonly output: number;
  readonly findingsPerItem: number;
  readonly unscored: number;
  readonly relatedPerFinding: number;
  readonly detailsPerFinding: number;
  readonly locksPerFinding: number;
  readonly diagnostics: number;
  /** Never-ran ranges of the line coverage (the rest are counted in its `omitted`). */
  readonly neverRan: number;
}

/**
 * The levels, loosest first. The first holds every result spinlab makes
 * (findings are described within it); the last keeps a result of a few
 * kilobytes an item.
 */
export const RESULT_LIMITS: readonly ResultLimits[] = [
  { text: 4_000, name: 200, source: 1_000, output: 16_384, findingsPerItem: 5, unscored: 10, relatedPerFinding: 20, detailsPerFinding: 20, locksPerFinding: 20, diagnostics: 100, neverRan: 200 },
  { text: 1_000, name: 200, source: 300, output: 4_096, findingsPerItem: 2, unscored: 3, relatedPerFinding: 5, detailsPerFinding: 5, locksPerFinding: 5, diagnostics: 20, neverRan: 20 },
  { text: 200, name: 80, source: 120, output: 500, findingsPerItem: 1, unscored: 0, relatedPerFinding: 1, detailsPerFinding: 0, locksPerFinding: 2, diagnostics: 3, neverRan: 5 },
];

/** The commands and paths spinlab writes (a replay command, the submission's path) are capped only against the absurd. */
const PATH_CHARS = 4_000;

const capped = (text: string | null, max: number): string | null => (text === null ? null : capText(text, max));

/** `finding` within `limits`. */
export function capFinding(finding: ResultFinding, limits: ResultLimits = RESULT_LIMITS[0]!): ResultFinding {
  const name = (text: string): string => capText(text, limits.name);
  return {
    ...finding,
    message: capText(finding.message, limits.text),
    routine: capped(finding.routine, limits.name),
    context: capped(finding.context, limits.name),
    ...(finding.lock === undefined ? {} : { lock: name(finding.lock) }),
    ...(finding.target === undefined ? {} : { target: name(finding.target) }),
    ...(finding.name === undefined ? {} : { name: name(finding.name) }),
    ...(finding.locks === undefined ? {} : { locks: finding.locks.slice(0, limits.locksPerFinding).map(name) }),
    location: finding.location === null ? null : { ...finding.location, file: name(finding.location.file) },
    source: capped(finding.source, limits.source),
    related: finding.related.slice(0, limits.relatedPerFinding).map((r) => capRelated(r, limits)),
    ...(finding.details === undefined ? {} : { details: finding.details.slice(0, limits.detailsPerFinding).map((d) => capText(d, limits.text)) }),
    replay: capped(finding.replay, PATH_CHARS),
  };
}

function capRelated(related: ResultRelated, limits: ResultLimits): ResultRelated {
  return {
    ...related,
    label: capText(related.label, limits.name * 2),
    routine: capped(related.routine, limits.name),
    ...(related.locks === undefined ? {} : { locks: related.locks.slice(0, limits.locksPerFinding).map((l) => capText(l, limits.name)) }),
    location: related.location === null ? null : { ...related.location, file: capText(related.location.file, limits.name) },
    source: capped(related.source, limits.source),
  };
}

function capDiagnostic(diagnostic: Diagnostic, limits: ResultLimits): Diagnostic {
  return {
    ...diagnostic,
    file: capText(diagnostic.file, limits.name),
    message: capText(diagnostic.message, limits.text),
    ...(diagnostic.source === undefined ? {} : { source: capText(diagnostic.source, limits.source) }),
  };
}

/** `result` within `limits`: the same scores, statuses and counts, fewer and shorter explanations. */
export function capResult(result: GradeResult, limits: ResultLimits = RESULT_LIMITS[0]!): GradeResult {
  return {
    ...result,
    submission: capText(result.submission, PATH_CHARS),
    ...(result.entry === undefined ? {} : { entry: capText(result.entry, limits.name) }),
    message: capped(result.message, limits.text),
    items: result.items.map((item) => ({ ...item, findings: item.findings.slice(0, limits.findingsPerItem).map((f) => capFinding(f, limits)) })),
    unscored: result.unscored.slice(0, limits.unscored).map((f) => capFinding(f, limits)),
    diagnostics: result.diagnostics.slice(0, limits.diagnostics).map((d) => capDiagnostic(d, limits)),
    output: capText(result.output, limits.output),
    ...(result.coverage === undefined ? {} : { coverage: capCoverage(result.coverage, limits) }),
  };
}

function capCoverage(coverage: ResultCoverage, limits: ResultLimits): ResultCoverage {
  const kept = coverage.neverRan.slice(0, limits.neverRan);
  return {
    ...coverage,
    neverRan: kept.map((range) => ({ ...range, file: capText(range.file, limits.name), routine: capped(range.routine, limits.name) })),
    omitted: coverage.omitted + coverage.neverRan.length - kept.length,
  };
}
