import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/helpers/result.js';
import type { GradeResult, ResultFinding, ResultItem } from '../rubric/result.js';
import { renderText, type TextOptions } from './text.js';

/** The sample result with three findings on its lost visible item (and on its hidden one). */
function withSeveralFindings(overrides: Partial<GradeResult> = {}): GradeResult {
  const base = sampleResult();
  const finding = base.items[1]!.findings[0]!;
  const three: ResultFinding[] = [finding, { ...finding, schedule: 'DeF' }, { ...finding, schedule: 'GhI' }];
  const items: ResultItem[] = base.items.map((item) => (item.passed ? item : { ...item, findings: three }));
  return { ...base, items, unscored: [finding], ...overrides };
}

/** Every way a student's `spinlab check` can render a result. */
const STUDENT_RUNS: ReadonlyArray<readonly [string, GradeResult, TextOptions]> = [
  ['graded', withSeveralFindings(), { color: false, audience: 'student' }],
  ['graded, in color', withSeveralFindings(), { color: true, audience: 'student' }],
  ['graded, verbose', withSeveralFindings(), { color: false, audience: 'student', verbose: true }],
  ['timed out', withSeveralFindings({ status: 'timed-out', message: 'the run took longer than 30 s' }), { color: false, audience: 'student' }],
  ['crashed', withSeveralFindings({ status: 'crashed', message: 'the sandbox exited' }), { color: false, audience: 'student' }],
  [
    'compile error',
    withSeveralFindings({ status: 'compile-error', message: 'driver.ts does not compile', diagnostics: [{ kind: 'compile', file: 'driver.ts', line: 1, column: 1, message: 'Expected ";"' }] }),
    { color: false, audience: 'student' },
  ],
];

describe('text report for a student (spinlab check)', () => {
  for (const [name, result, options] of STUDENT_RUNS) {
    it(`never suggests the staff command spinlab grade (${name})`, () => {
      expect(renderText(result, options)).not.toMatch(/spinlab grade|\bgrade --/);
    });
  }

  it('says how many more findings there are and points to check --all', () => {
    const text = renderText(withSeveralFindings(), { color: false, audience: 'student' });
    expect(text).toContain('(+2 more: run with --all)');
  });

  it('keeps pointing staff to spinlab grade --format json', () => {
    const text = renderText(withSeveralFindings(), { color: false, audience: 'staff' });
    expect(text).toContain('(+2 more: spinlab grade --format json shows them all)');
    expect(text).not.toContain('spinlab check');
  });
});
