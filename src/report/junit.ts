/**
 * JUnit XML (Jenkins' junit-10.xsd): a testsuite per submission, a testcase
 * per rubric item. A lost item with a finding is a `<failure>` (the rule,
 * the place, the message); an item the run never decided (the submission was
 * missing or did not compile, the run timed out or crashed) is an `<error>`;
 * the `errors` and `failures` counts are those elements, so every consumer
 * agrees with the document. `classname` is the exercise id and the
 * submission's path as given (relative paths keep it the same on every
 * machine). A failed item's testcase carries `file` and `line` — the first
 * finding's place, from the repository root — which action-junit-report,
 * GitLab and pytest's xunit1 family read, though Jenkins' junit-10.xsd has no
 * such attributes: the `jenkins` flavor leaves them out. `time` is the item's
 * share of the phase that decided it: the type-check's for its item, the
 * exploration's divided evenly among the items it decided, so the testcases
 * add up to the suite. Hidden items are left out unless asked for. The lines that
 * never ran in any schedule are the suite's `<system-out>`. Everything the
 * student wrote or printed is made visible (no control character, escape
 * sequence or invisible character survives: none is valid XML or safe to
 * show) and escaped.
 */
import type { GradeResult, ResultItem } from '../rubric/result.js';
import { neverRanLines } from './coverage-text.js';
import { findingHeadline, lostBecause, pathNote } from './items.js';
import { placeOf, repositoryPath } from './place.js';
import { xmlText } from './sanitize.js';

type Verdict = 'passed' | 'failure' | 'error';

/** A suite's `failures` and `errors` counts. */
interface Counts {
  readonly failures: number;
  readonly errors: number;
}

/** How a JUnit document is written. */
export interface JunitOptions {
  /** `jenkins`: no `file`/`line` attributes (junit-10.xsd has none). Default `annotated`. */
  readonly flavor?: 'annotated' | 'jenkins';
  /** Include hidden items (default false: JUnit is read in CI, where students see it). */
  readonly hidden?: boolean;
  /** The submission's folder from the repository root (`file` is this joined with the finding's file). */
  readonly submissionDir?: string;
}

/** Renders results (one per submission) as one JUnit document. */
export function renderJunit(all: readonly GradeResult[], options: JunitOptions = {}): string {
  const results = options.hidden === true ? all : all.map((result) => ({ ...result, items: result.items.filter((item) => item.visibility !== 'hidden') }));
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let ms = 0;
  const body: string[] = [];
  for (const result of results) {
    const verdicts = result.items.map((item) => verdictOf(result, item));
    const counts = countsOf(verdicts);
    tests += verdicts.length;
    failures += counts.failures;
    errors += counts.errors;
    ms += result.timing.totalMs;
    body.push(...suite(result, verdicts, counts, options));
  }
  return `${['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="spinlab" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(ms)}">`, ...body, '</testsuites>'].join('\n')}\n`;
}

/** How an item reads in JUnit: passed, failed with a finding, or never decided. */
function verdictOf(result: GradeResult, item: ResultItem): Verdict {
  if (item.passed) return 'passed';
  return item.findings.length > 0 || result.status === 'graded' ? 'failure' : 'error';
}

/** How many of `verdicts` are failures and errors. */
function countsOf(verdicts: readonly Verdict[]): Counts {
  return { failures: verdicts.filter((v) => v === 'failure').length, errors: verdicts.filter((v) => v === 'error').length };
}

function suite(result: GradeResult, verdicts: readonly Verdict[], counts: Counts, options: JunitOptions): string[] {
  const lines = [
    `  <testsuite name="${xmlText(`${result.exercise} ${result.submission}`)}" tests="${verdicts.length}" failures="${counts.failures}" errors="${counts.errors}" time="${seconds(result.timing.totalMs)}">`,
    `    <properties><property name="score" value="${result.score}"/><property name="maxScore" value="${result.maxScore}"/><property name="status" value="${result.status}"/></properties>`,
  ];
  result.items.forEach((item, i) => lines.push(...testcase(result, item, verdicts[i]!, options)));
  const neverRan = neverRanLines(result.coverage);
  if (neverRan.length > 0) lines.push(`    <system-out>${xmlText(neverRan.join('\n'))}</system-out>`);
  if (result.status !== 'graded') lines.push(`    <system-err>${xmlText(`${result.status}: ${result.message ?? ''}`)}</system-err>`);
  lines.push('  </testsuite>');
  return lines;
}

function testcase(result: GradeResult, item: ResultItem, verdict: Verdict, options: JunitOptions): string[] {
  const place = verdict === 'failure' && options.flavor !== 'jenkins' ? item.findings.find((f) => f.location !== null)?.location : undefined;
  const at = place === undefined || place === null ? '' : ` file="${xmlText(repositoryPath(options.submissionDir ?? '', place.file))}" line="${place.line}"`;
  const head = `    <testcase classname="${xmlText(`${result.exercise}.${result.submission}`)}" name="${xmlText(`${item.id}: ${item.title}`)}" time="${seconds(decidedIn(result, item))}"${at}>`;
  if (verdict === 'passed') return [`${head}</testcase>`];
  if (verdict === 'error') {
    return [head, `      <error message="${xmlText(lostBecause(result, item))}" type="${result.status}">${xmlText(undecidedBody(result))}</error>`, '    </testcase>'];
  }
  const finding = item.findings[0];
  const message = finding === undefined ? lostBecause(result, item) : findingHeadline(finding);
  const lines = item.findings.map((f) => [placeOf(f.location), f.message, ...(f.replay === null ? [] : [`replay: ${f.replay}`]), pathNote(f) ?? ''].filter((part) => part !== '').join('\n'));
  const text = lines.length > 0 ? lines.join('\n\n') : lostBecause(result, item);
  return [head, `      <failure message="${xmlText(message)}" type="${xmlText(item.check)}">${xmlText(text)}</failure>`, '    </testcase>'];
}

/** What an undecided item's `<error>` says: why, and the compile errors if any. */
function undecidedBody(result: GradeResult): string {
  return [result.message ?? result.status, ...result.diagnostics.map((d) => `${placeOf(d)}: ${d.message}`)].join('\n');
}

/** An item's share of the phase that decided it: the type-check's for its item; the compile's or the exploration's divided evenly among the items they decided. */
function decidedIn(result: GradeResult, item: ResultItem): number {
  const shared = result.items.filter((i) => result.status === 'compile-error' || i.check !== 'typecheck').length;
  if (result.status === 'compile-error') return result.timing.compileMs / Math.max(1, shared);
  return item.check === 'typecheck' ? result.timing.typecheckMs : result.timing.exploreMs / Math.max(1, shared);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
