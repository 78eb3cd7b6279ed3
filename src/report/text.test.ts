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

describe('a finding as a rustc-style diagnostic', () => {
  /** The sample result's lost item, with the other side of its race on another line. */
  function race(): GradeResult {
    const base = sampleResult();
    const finding: ResultFinding = {
      ...base.items[1]!.findings[0]!,
      message: 'ext.Count: a race',
      routine: 'DispatchRead',
      location: { file: 'driver.ts', line: 34, column: 18 },
      source: '  ext.Seen = ext.Count;',
      locks: [],
      related: [{ label: 'the other write', routine: 'DispatchWrite', cpu: 0, locks: ['ext.Lock'], location: { file: 'driver.ts', line: 27, column: 7 }, source: '  ext.Count = ext.Count + 1;' }],
    };
    return { ...base, items: base.items.map((item) => (item.passed ? item : { ...item, findings: [finding] })) };
  }

  it('prints code, place, one snippet with both sides labelled, the rule, the edit and where to read more', () => {
    const lines = renderText(race(), { color: false, audience: 'student' }).split('\n');
    const head = lines.findIndex((line) => line.includes('error[SL0015]: data race on ext.Count'));
    expect(head).toBeGreaterThan(0);
    const block = lines.slice(head, lines.findIndex((line, i) => i > head && line.includes('For more:')) + 1);
    expect(block[1]!.trim()).toBe('--> driver.ts:34:18');
    const row = (n: number): number => block.findIndex((line) => line.trimStart().startsWith(`${n} | `));
    expect(row(27)).toBeLessThan(row(34));
    expect(block[row(27) + 1]!.indexOf('-')).toBe(block[row(27)]!.indexOf('ext.Count'));
    expect(block[row(27) + 1]).toContain('written here by DispatchWrite on CPU 0, holding ext.Lock');
    expect(block[row(34) + 1]!.indexOf('^')).toBe(block[row(34)]!.indexOf('ext.Count'));
    expect(block[row(34) + 1]).toContain('read here on CPU 1, no lock');
    expect(block.some((line) => /= note: rule: happens-before race$/.test(line))).toBe(true);
    expect(block.some((line) => line.includes('= help: take ext.Lock around this read'))).toBe(true);
    expect(block[block.length - 1]!.trim()).toBe('For more: npx spinlab explain SL0015');
  });

  it('calls a finding no item grades a warning, with its code', () => {
    const text = renderText(withSeveralFindings(), { color: false, audience: 'student' });
    const also = text.slice(text.indexOf('Also found'));
    expect(also).toContain('warning[SL0015]: data race on ext.Count');
  });

  it('stays plain without color', () => {
    expect(renderText(race(), { color: false, audience: 'student' })).not.toMatch(/\u001b\[/);
    expect(renderText(race(), { color: true, audience: 'student' })).toMatch(/\u001b\[/);
  });
});

describe('type errors in the text report', () => {
  const typeError = { kind: 'typecheck' as const, file: 'driver.ts', line: 7, column: 5, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'.", source: '  ext.Count = "1";' };
  const other = { ...typeError, line: 9, message: "Cannot find name 'Foo'." };
  const typecheckItem: ResultItem = {
    id: 'types', title: 'Type-checks', check: 'typecheck', points: 0, maxPoints: 1, passed: false, visibility: 'visible', credit: 'all', schedulesRun: 0, schedulesFailed: 1, firstFailedSchedule: null,
    findings: [{ check: 'typecheck', rule: 'tsc TS2322', message: typeError.message, routine: null, context: null, cpu: null, irql: null, location: { file: 'driver.ts', line: 7, column: 5 }, source: typeError.source, related: [], schedulesFailed: 0, schedule: null, replay: null }],
  };

  it('prints a type error its item shows as a finding once, and the others in the list', () => {
    const base = sampleResult();
    const text = renderText({ ...base, items: [...base.items, typecheckItem], diagnostics: [typeError, other] }, { color: false, audience: 'student' });
    expect(text.split("Type 'string' is not assignable").length - 1).toBe(1);
    expect(text).toContain("Cannot find name 'Foo'.");
    expect(text).toContain('Type errors (1)');
  });

  it('lists every type error when no failing item prints it', () => {
    const base = sampleResult();
    const text = renderText({ ...base, diagnostics: [typeError, other] }, { color: false, audience: 'student' });
    expect(text).toContain('Type errors (2)');
  });
});
