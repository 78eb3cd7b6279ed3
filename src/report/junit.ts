/**
 * JUnit XML: a testsuite per submission, a testcase per item; failures carry
 * the rule and location. Everything the student wrote or printed is escaped,
 * with ANSI codes and invalid XML characters removed.
 */
import type { GradeResult, ResultItem } from '../rubric/result.js';
import { placeOf } from './place.js';
import { xmlEscape } from './sanitize.js';

/** Renders results (one per submission) as one JUnit document. */
export function renderJunit(results: readonly GradeResult[]): string {
  const tests = results.reduce((n, r) => n + r.items.length, 0);
  const failures = results.reduce((n, r) => n + r.items.filter((i) => !i.passed).length, 0);
  const errors = results.filter((r) => r.status !== 'graded').length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="spinlab" tests="${tests}" failures="${failures}" errors="${errors}">`];
  for (const result of results) lines.push(...suite(result));
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function suite(result: GradeResult): string[] {
  const failed = result.items.filter((i) => !i.passed).length;
  const seconds = (result.timing.totalMs / 1000).toFixed(3);
  const name = `${result.exercise} ${result.submission}`;
  const lines = [
    `  <testsuite name="${xmlEscape(name)}" tests="${result.items.length}" failures="${failed}" errors="${result.status === 'graded' ? 0 : 1}" time="${seconds}">`,
    `    <properties><property name="score" value="${result.score}"/><property name="maxScore" value="${result.maxScore}"/><property name="status" value="${result.status}"/></properties>`,
  ];
  for (const item of result.items) lines.push(...testcase(result, item));
  if (result.status !== 'graded') lines.push(`    <system-err>${xmlEscape(`${result.status}: ${result.message ?? ''}`)}</system-err>`);
  lines.push('  </testsuite>');
  return lines;
}

function testcase(result: GradeResult, item: ResultItem): string[] {
  const head = `    <testcase classname="${xmlEscape(`${result.exercise}.${result.submission}`)}" name="${xmlEscape(`${item.id}: ${item.title}`)}" time="0">`;
  if (item.passed) return [`${head}</testcase>`];
  const finding = item.findings[0];
  const where = placeOf(finding?.location ?? null);
  const message = finding === undefined ? `${item.points}/${item.maxPoints} points` : `${finding.rule}${where === '' ? '' : ` at ${where}`}`;
  const body = finding === undefined ? (result.message ?? `${item.check} did not pass`) : [finding.message, ...(finding.replay === null ? [] : [`replay: ${finding.replay}`])].join('\n');
  return [head, `      <failure message="${xmlEscape(message)}" type="${xmlEscape(item.check)}">${xmlEscape(body)}</failure>`, '    </testcase>'];
}
