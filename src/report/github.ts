/**
 * GitHub Actions output: `::error file=…,line=…,col=…,title=…::` annotations
 * for every lost visible item, and a markdown summary. Student output is
 * wrapped in `::stop-commands::` so it cannot forge annotations or scores.
 */
import { randomBytes } from 'node:crypto';
import type { GradeResult } from '../rubric/result.js';
import { itemsFor, maxPointsOf, pointsOf } from './items.js';
import { githubData, githubProperty, stripAnsi } from './sanitize.js';

/** The workflow-command lines for a result. */
export function renderGithub(result: GradeResult): string {
  const lines: string[] = [];
  const visible = itemsFor(result, 'student');
  for (const diagnostic of result.diagnostics) {
    lines.push(`::error file=${githubProperty(diagnostic.file)},line=${diagnostic.line},col=${diagnostic.column},title=${githubProperty(diagnostic.kind === 'compile' ? 'does not compile' : 'type error')}::${githubData(diagnostic.message)}`);
  }
  for (const item of visible) {
    if (item.passed) continue;
    const finding = item.findings[0];
    const title = githubProperty(`${item.title} (${item.check})`);
    if (finding?.location) {
      const l = finding.location;
      lines.push(`::error file=${githubProperty(l.file)},line=${l.line},col=${l.column},title=${title}::${githubData(`${finding.rule}: ${finding.message}${finding.replay === null ? '' : `\nreplay: ${finding.replay}`}`)}`);
    } else {
      lines.push(`::error title=${title}::${githubData(finding === undefined ? (result.message ?? 'not decided') : `${finding.rule}: ${finding.message}`)}`);
    }
  }
  lines.push(`::notice title=${githubProperty(`spinlab ${result.exercise}`)}::${githubData(`${result.status}: ${pointsOf(visible)}/${maxPointsOf(visible)} points`)}`);
  if (result.output.trim() !== '') {
    const token = randomBytes(16).toString('hex');
    lines.push('Your driver printed:', `::stop-commands::${token}`, stripAnsi(result.output.trimEnd()), `::${token}::`);
  }
  return `${lines.join('\n')}\n`;
}

/** The markdown job summary for `$GITHUB_STEP_SUMMARY`. */
export function renderGithubSummary(results: readonly GradeResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const visible = itemsFor(result, 'student');
    lines.push(`### spinlab · ${escapeMarkdown(result.exercise)} · ${pointsOf(visible)}/${maxPointsOf(visible)}`, '');
    if (result.status !== 'graded') lines.push(`**${result.status}**: ${escapeMarkdown(result.message ?? '')}`, '');
    lines.push('| | Item | Points |', '|---|---|---|');
    for (const item of visible) lines.push(`| ${item.passed ? '✅' : '❌'} | ${escapeMarkdown(item.title)} | ${item.points}/${item.maxPoints} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function escapeMarkdown(text: string): string {
  return stripAnsi(text).replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}
