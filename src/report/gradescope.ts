/**
 * Gradescope's `results.json`: score, execution_time, output and one test per
 * rubric item with its visibility (Gradescope's own visibility names); the
 * output lists the lines that never ran in any schedule. Every
 * output and name is shown as plain text (`output_format`,
 * `test_output_format`, `test_name_format` and each test's formats are
 * `text`: Gradescope's default, `simple_format`, would render HTML in what
 * a student printed), and every string is made visible.
 */
import type { GradeResult, ResultItem } from '../rubric/result.js';
import { neverRanLines } from './coverage-text.js';
import { lostBecause, pathNote } from './items.js';
import { placeOf } from './place.js';
import { inertJson, mapStrings, visibleText } from './sanitize.js';

/** Renders a result as Gradescope's results.json. */
export function renderGradescope(result: GradeResult): string {
  const report = {
    score: result.score,
    execution_time: Math.round(result.timing.totalMs / 1000),
    output_format: 'text',
    test_output_format: 'text',
    test_name_format: 'text',
    output:
      result.status === 'graded'
        ? [`spinlab ${result.spinlab}: ${result.exploration.schedulesRun} schedules (${result.exploration.strategy}, seed ${result.exploration.seed}).`, ...neverRanLines(result.coverage)].join('\n')
        : `spinlab ${result.spinlab}: ${result.status} — ${result.message ?? ''}${result.diagnostics.length > 0 ? `\n${result.diagnostics.map((d) => `${placeOf(d)}: ${d.message}`).join('\n')}` : ''}`,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: result.items.map((item, index) => ({
      name: item.title,
      number: String(index + 1),
      score: item.points,
      max_score: item.maxPoints,
      status: item.passed ? 'passed' : 'failed',
      name_format: 'text',
      output: testOutput(result, item),
      output_format: 'text',
      visibility: item.visibility,
    })),
  };
  return `${inertJson(mapStrings(report, (text) => visibleText(text)), 2)}\n`;
}

function testOutput(result: GradeResult, item: ResultItem): string {
  if (item.passed) return item.check === 'typecheck' ? 'tsc --noEmit: no error.' : `${item.check}: no finding in ${item.schedulesRun} schedules.`;
  const finding = item.findings[0];
  if (finding === undefined) return lostBecause(result, item);
  const rest = item.findings.slice(1).map((more) => `${placeOf(more.location)}: ${more.message}`);
  const where = finding.location === null ? '' : `${placeOf(finding.location)}\n`;
  return `${finding.rule}\n${where}${finding.message}${rest.length === 0 ? '' : `\n${rest.join('\n')}`}${finding.replay === null ? '' : `\nReplay: ${finding.replay}`}${pathNote(finding) === null ? '' : `\n${pathNote(finding)}`}`;
}
