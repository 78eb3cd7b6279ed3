/**
 * Gradescope's `results.json`: score, execution_time, output and one test per
 * rubric item with its visibility (Gradescope's own visibility names).
 */
import type { GradeResult, ResultItem } from '../rubric/result.js';
import { lostBecause } from './items.js';
import { placeOf } from './place.js';
import { stripAnsi } from './sanitize.js';

/** Renders a result as Gradescope's results.json. */
export function renderGradescope(result: GradeResult): string {
  const report = {
    score: result.score,
    execution_time: Math.round(result.timing.totalMs / 1000),
    output:
      result.status === 'graded'
        ? `spinlab ${result.spinlab}: ${result.exploration.schedulesRun} schedules (${result.exploration.strategy}, seed ${result.exploration.seed}).`
        : `spinlab ${result.spinlab}: ${result.status} — ${result.message ?? ''}${result.diagnostics.length > 0 ? `\n${result.diagnostics.map((d) => `${placeOf(d)}: ${stripAnsi(d.message)}`).join('\n')}` : ''}`,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: result.items.map((item, index) => ({
      name: item.title,
      number: String(index + 1),
      score: item.points,
      max_score: item.maxPoints,
      status: item.passed ? 'passed' : 'failed',
      output: testOutput(result, item),
      visibility: item.visibility,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function testOutput(result: GradeResult, item: ResultItem): string {
  if (item.passed) return item.check === 'typecheck' ? 'tsc --noEmit: no error.' : `${item.check}: no finding in ${item.schedulesRun} schedules.`;
  const finding = item.findings[0];
  if (finding === undefined) return lostBecause(result, item);
  const rest = item.findings.slice(1).map((more) => `${placeOf(more.location)}: ${more.message}`);
  const where = finding.location === null ? '' : `${placeOf(finding.location)}\n`;
  return stripAnsi(`${finding.rule}\n${where}${finding.message}${rest.length === 0 ? '' : `\n${rest.join('\n')}`}${finding.replay === null ? '' : `\nReplay: ${finding.replay}`}`);
}
