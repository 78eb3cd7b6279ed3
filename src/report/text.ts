/**
 * The text report: a points table, then for each lost item its first
 * finding as a rustc-style diagnostic (finding-diagnostic.ts: code, snippet
 * with both sides labelled, notes, help, replay command); then the lines that never ran in any schedule. Colors only when the CLI decided so. Every string of the
 * result is made visible before it is laid out (source lines by their
 * excerpt, to keep the caret in place) and no line of the report can pass
 * for a workflow command; spinlab's colors are added after.
 */
import kleur from 'kleur';
import type { GradeResult, ResultFinding, ResultItem } from '../rubric/result.js';
import { TYPECHECK } from '../rubric/rubric.js';
import { formatDiagnostic } from './diagnostic-text.js';
import { consoleSection } from './console-text.js';
import { renderFindingDiagnostic } from './finding-diagnostic.js';
import { neverRanLines } from './coverage-text.js';
import { explorationCoverage } from './exploration-text.js';
import { consequenceLines, foldedLine } from './folded-text.js';
import { itemsFor, maxPointsOf, ON_EVERY_PATH, pointsOf, unmetRequirements, type Audience } from './items.js';
import { guardLines, mapStrings, visibleText } from './sanitize.js';
import { wrapWords as wrap } from './text-wrap.js';

/** Options of the text report. */
export interface TextOptions {
  readonly color: boolean;
  /** `student` shows visible items only (`spinlab check`); `staff` shows every item. */
  readonly audience: Audience;
  /** Every finding of each lost item rather than the first (default false). */
  readonly verbose?: boolean;
}

/** Where each audience sees every finding of an item: a student is pointed only at what `spinlab check` offers. */
const ALL_FINDINGS: Readonly<Record<Audience, string>> = {
  student: 'run with --all',
  staff: 'spinlab grade --format json shows them all',
};

/** Renders one result. */
export function renderText(raw: GradeResult, options: TextOptions): string {
  const result = mapStrings(raw, (text, key) => (key === 'source' ? text : visibleText(text)));
  return guardLines(layOut(result, options));
}

/** The report of `result`, whose strings are already visible. */
function layOut(result: GradeResult, options: TextOptions): string {
  const k = kleur;
  k.enabled = options.color;
  const items = itemsFor(result, options.audience);
  const lines: string[] = [];
  const x = result.exploration;
  lines.push(`${k.bold(result.exercise)}  ${k.dim(result.submission)}`);
  lines.push(
    k.dim(
      `${x.strategy}, seed ${x.seed}, ${x.schedulesRun}/${x.schedules} schedules${x.cpus === null ? '' : ` on ${x.cpus} CPUs`}${x.exhausted === true ? ' (bounded space exhausted)' : ''}${x.faults === undefined || x.faults.runs === 0 ? '' : `, + ${x.faults.runs} fault run${x.faults.runs === 1 ? '' : 's'} (${x.faults.sites} allocation/connect site${x.faults.sites === 1 ? '' : 's'})`}`,
    ),
  );
  for (const line of explorationCoverage(x)) lines.push(x.bounded?.verified === true ? k.green(line) : k.dim(line));
  lines.push('');
  if (result.status !== 'graded') lines.push(`${k.red().bold(result.status)}: ${result.message ?? ''}`, '');
  if (result.status === 'compile-error') {
    for (const diagnostic of result.diagnostics) lines.push(k.red(formatDiagnostic(diagnostic)), '');
    lines.push(`${k.bold('Score')} 0/${points(maxPointsOf(items))}`);
    return `${lines.join('\n')}\n`;
  }
  const width = Math.max(...items.map((item) => item.title.length), 10);
  for (const item of items) {
    const mark = item.passed ? k.green('✓') : item.points > 0 ? k.yellow('~') : k.red('✗');
    const hidden = item.visibility === 'visible' ? '' : k.dim(` (${item.visibility})`);
    lines.push(`  ${mark}  ${item.title.padEnd(width)}  ${points(item.points)}/${points(item.maxPoints)}${hidden}`);
  }
  lines.push('');
  lines.push(`${k.bold('Score')} ${points(pointsOf(items))}/${points(maxPointsOf(items))}`);
  const typeErrors = typeErrorsNotShown(result, items, options.verbose === true);
  if (typeErrors.length > 0) {
    lines.push('', k.bold(`Type errors (${typeErrors.length})`));
    for (const diagnostic of typeErrors.slice(0, 10)) lines.push(k.yellow(formatDiagnostic(diagnostic)));
  }
  for (const item of items) {
    if (item.passed) continue;
    const unmet = unmetRequirements(item);
    if (item.findings.length === 0) {
      // Passed on its own, not counted: say which requirement it waits for.
      if (unmet !== null) lines.push('', `${k.red('✗')} ${k.bold(item.title)}  ${k.dim(item.check)}`, ...wrap(unmet, 96).map((line) => `  ${line}`));
      continue;
    }
    lines.push('', `${k.red('✗')} ${k.bold(item.title)}  ${k.dim(`${item.check} · ${failedIn(item)}`)}`);
    if (unmet !== null) lines.push(...wrap(unmet, 96).map((line) => k.dim(`  ${line}`)));
    for (const finding of options.verbose === true ? item.findings : item.findings.slice(0, 1)) lines.push(...renderFolded(finding, 'error', k));
    if (options.verbose !== true && item.findings.length > 1) lines.push(k.dim(`  (+${item.findings.length - 1} more: ${ALL_FINDINGS[options.audience]})`));
  }
  if (result.unscored.length > 0) {
    lines.push('', k.bold(`Also found (not graded: no rubric item looks at ${result.unscored.length === 1 ? 'it' : 'them'})`));
    for (const finding of result.unscored) lines.push(...renderFolded(finding, 'warning', k));
  }
  const neverRan = neverRanLines(result.coverage);
  if (neverRan.length > 0) lines.push('', k.yellow(neverRan[0]!), ...neverRan.slice(1));
  const printed = consoleSection(items, result.unscored, result.output, options.verbose === true);
  if (printed !== null) lines.push('', k.dim(printed.heading), ...printed.lines.map((line) => k.dim(line)));
  return `${lines.join('\n')}\n`;
}

/** The type errors the failing type-check item does not print as its own findings (each is printed once: as a finding, or in the list). */
function typeErrorsNotShown(result: GradeResult, items: readonly ResultItem[], verbose: boolean): GradeResult['diagnostics'] {
  const shown = items.filter((item) => !item.passed && item.check === TYPECHECK).flatMap((item) => (verbose ? item.findings : item.findings.slice(0, 1)));
  const at = new Set(shown.map((f) => (f.location === null ? '' : `${f.location.file}:${f.location.line}:${f.location.column}`)));
  return result.diagnostics.filter((d) => d.kind === 'typecheck' && !at.has(`${d.file}:${d.line}:${d.column}`));
}

/** A finding that follows from another as one line naming its cause; any other as its diagnostic, then one line per finding that follows from it. */
function renderFolded(finding: ResultFinding, severity: 'error' | 'warning', k: typeof kleur): string[] {
  if (finding.causedBy !== undefined) return [k.dim(foldedLine(finding.causedBy))];
  return [...renderFindingDiagnostic(finding, severity, k), ...consequenceLines(finding.consequences).map((line) => k.dim(line))];
}

/** `failed in 3 of 200 schedules`, and for the all-paths rule's findings, that no schedule was needed. */
function failedIn(item: ResultItem): string {
  const onEveryPath = item.findings.some((f) => f.path !== undefined);
  if (!onEveryPath) return `failed in ${item.schedulesFailed} of ${item.schedulesRun} schedules`;
  return item.schedulesFailed === 0 ? `found on a path of the source, ${ON_EVERY_PATH}` : `failed in ${item.schedulesFailed} of ${item.schedulesRun} schedules, and on a path of the source`;
}

/** `3`, `2.5` */
function points(value: number): string {
  return String(Math.round(value * 100) / 100);
}
