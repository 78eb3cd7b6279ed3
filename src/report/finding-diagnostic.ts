/**
 * One finding as a rustc-style diagnostic: `error[SL0015]: data race on
 * ext.Count`, `--> driver.ts:25:19`, one snippet with the primary site
 * underlined `^^^` and each related site `---`, each labelled; then
 * `= note:` lines (the check's message, its rule, a deadlock's chain, sites
 * with no place), `= help:` with the edit, the replay command, and where to
 * read more. The finding's strings are already made visible (text.ts);
 * source lines are made visible here, keeping the marks in place.
 */
import type kleur from 'kleur';
import { errorCodeOf } from '../checks/error-codes.js';
import { irqlName } from '../kernel/irql.js';
import type { ResultFinding, ResultRelated } from '../rubric/result.js';
import { headlineOf, primaryLabelOf, relatedLabelOf } from './diagnostic-labels.js';
import { explainCommand } from './explain-command.js';
import { helpFor } from './help-line.js';
import { ON_EVERY_PATH, pathText } from './items.js';
import { buildSnippet, gutterWidth, renderSnippet, type SnippetBlock, type SnippetSite } from './snippet.js';
import { wrapWords as wrap } from './text-wrap.js';

/** How a finding counts: `error` when it costs points, `warning` when no rubric item looks at it. */
export type Severity = 'error' | 'warning';

/** The snippet blocks of `finding`: its own site and every related site that has a place and a source line. */
export function findingSnippet(finding: ResultFinding): SnippetBlock[] {
  const sites: SnippetSite[] = [];
  const own = finding.location;
  // A related site at the primary's very place (a lock-order edge taken there) says more than the primary's own label: it becomes that label.
  const here = (r: ResultRelated): boolean => finding.check !== 'data-race' && own !== null && r.location !== null && r.location.file === own.file && r.location.line === own.line && r.location.column === own.column;
  const atPrimary = finding.related.find(here);
  if (own !== null && finding.source !== null) sites.push({ ...own, source: finding.source, label: atPrimary === undefined ? primaryLabelOf(finding) : relatedLabelOf(finding, atPrimary), primary: true });
  for (const related of finding.related) {
    if (related.location === null || related.source === null || related === atPrimary) continue;
    sites.push({ ...related.location, source: related.source, label: relatedLabelOf(finding, related), primary: false });
  }
  return sites.length === 0 ? [] : buildSnippet(sites);
}

/** The lines of `finding`'s diagnostic, each prefixed by `indent`. */
export function renderFindingDiagnostic(finding: ResultFinding, severity: Severity, k: typeof kleur, indent = '  '): string[] {
  const code = errorCodeOf(finding.check);
  // A type error is headed by tsc's own code and words, as tsc and rustc print theirs.
  const shown = code ?? /^tsc (TS\d+)$/.exec(finding.rule)?.[1];
  const headline = headlineOf(finding);
  const paint = severity === 'error' ? k.red().bold : k.yellow().bold;
  const lines = [`${indent}${paint(`${severity}${shown === undefined ? '' : `[${shown}]`}`)}${k.bold(`: ${headline}`)}`];
  const blocks = findingSnippet(finding);
  const pad = ' '.repeat(gutterWidth(blocks));
  if (blocks.length > 0) lines.push(...renderSnippet(blocks, k, indent));
  const note = (label: string, text: string): string[] =>
    wrapOutsideCode(text, 96 - pad.length).map((line, i) => `${indent}${pad} ${i === 0 ? `${k.blue().bold('=')} ${k.bold(label)}: ` : ' '.repeat(label.length + 4)}${line}`);
  if (blocks.length === 0) {
    const context = [finding.routine, finding.cpu === null ? null : `CPU ${finding.cpu}`, finding.irql === null ? null : irqlName(finding.irql)].filter((p) => p !== null).join(', ');
    if (context !== '') lines.push(...note('note', `in ${context}`));
  }
  if (finding.message.replace(/\s+/g, ' ').trim() !== headline) lines.push(...note('note', finding.message));
  for (const detail of finding.details ?? []) lines.push(k.dim(`${indent}${pad}     ${detail}`));
  for (const related of finding.related) if (related.location === null || related.source === null) lines.push(...note('note', `${relatedLabelOf(finding, related)}${related.location === null ? '' : ` at ${related.location.file}:${related.location.line}`}`));
  lines.push(...note('note', `rule: ${finding.rule}`));
  const help = helpFor(finding);
  if (help !== null) lines.push(...note('help', help));
  if (finding.replay !== null) lines.push(`${indent}${k.dim('replay:')} ${finding.replay}`);
  if (finding.path !== undefined) lines.push(`${indent}${k.dim('path:')} ${pathText(finding.path)} ${k.dim(`(${ON_EVERY_PATH})`)}`);
  if (code !== undefined) lines.push(`${indent}${k.dim(`For more: ${explainCommand(code)}`)}`);
  return lines;
}

/** Word-wraps `text` at `width` columns, never inside a `code span` (an edit to paste stays on one line). */
export function wrapOutsideCode(text: string, width: number): string[] {
  // A code span's spaces become a character wrapping never breaks at, and back after.
  const KEEP = '\u0000';
  const kept = text.replace(/`[^`]*`/g, (span) => span.replace(/ /g, KEEP));
  return wrap(kept, width).map((line) => line.replaceAll(KEEP, ' '));
}
