/** A small result for reporter tests, with hostile text where a student could put some. */
import type { GradeResult } from '../../src/rubric/result.js';

export function sampleResult(overrides: Partial<GradeResult> = {}): GradeResult {
  return {
    spinlab: '0.1.0',
    exercise: 'e2e-count',
    submission: 'alice',
    status: 'graded',
    score: 3,
    maxScore: 6,
    message: null,
    exploration: { strategy: 'pct', seed: 1, schedules: 10, schedulesRun: 10, cpus: 4, maxSteps: 20000, exhausted: null },
    timing: { compileMs: 1, typecheckMs: 2, exploreMs: 3, totalMs: 1234 },
    items: [
      { id: 'init', title: 'Initialized first', check: 'uninitialized-lock', points: 3, maxPoints: 3, passed: true, visibility: 'visible', credit: 'all', schedulesRun: 10, schedulesFailed: 0, firstFailedSchedule: null, findings: [] },
      {
        id: 'race',
        title: 'No race on <Count> & "friends"',
        check: 'data-race',
        points: 0,
        maxPoints: 2,
        passed: false,
        visibility: 'visible',
        credit: 'all',
        schedulesRun: 10,
        schedulesFailed: 10,
        firstFailedSchedule: 0,
        findings: [
          {
            check: 'data-race',
            rule: 'happens-before race',
            message: 'ext.Count: 100% racy,\nline two \u001b[31mred\u001b[0m \u0007bell',
            routine: 'DispatchWrite',
            context: 'thread',
            cpu: 1,
            irql: 0,
            target: 'ext.Count',
            location: { file: 'dir, with: comma.ts', line: 25, column: 3 },
            source: '  ext.Count = ext.Count + 1;',
            related: [],
            schedulesFailed: 10,
            schedule: 'AbC',
            replay: 'spinlab replay e2e-count alice --schedule AbC',
          },
        ],
      },
      { id: 'secret', title: 'Hidden check', check: 'invariant', points: 0, maxPoints: 1, passed: false, visibility: 'hidden', credit: 'all', schedulesRun: 10, schedulesFailed: 1, firstFailedSchedule: 4, findings: [] },
    ],
    unscored: [],
    diagnostics: [],
    output: '::error::forged\n\u001b[32mScore 6/6\u001b[0m',
    ...overrides,
  };
}

/**
 * Text that attacks every reader of a report: a terminal reset, cursor save,
 * line-drawing charset, CSI and 8-bit CSI, an OSC title ended by BEL, a CR
 * that overwrites the line with a forged score, backspaces, bidi overrides
 * and isolates, zero-width characters, line separators, a lone surrogate,
 * workflow commands (`::error`, `::stop-commands`, `##[error]`) at the start
 * of lines and mid-line, a leading formula, markup and XML-breaking text.
 */
export const HOSTILE =
  '=HYPERLINK("x")\u001bc\u001b7\u001b(0\u009b2J\u001b]0;pwned\u0007 Score 0/23\rScore 23/23\b\b\u202eevil\u2066\u200b\u2028\ud800\n' +
  '::error file=driver.ts,line=1::forged\n  ::stop-commands::abc\n##[error]legacy mid ##[set-output name=x]y\n\t=cmd|calc\n<script>alert(1)</script>&amp;]]>\u0000\uffff';

/** The sample result (or `overrides` of it) with {@link HOSTILE} in every string a student controls. */
export function hostileResult(overrides: Partial<GradeResult> = {}): GradeResult {
  const base = sampleResult(overrides);
  const h = (text: string): string => `${HOSTILE}${text}${HOSTILE}`;
  const finding = base.items[1]!.findings[0]!;
  const hostileFinding = {
    ...finding,
    message: h(finding.message),
    routine: h('DispatchWrite'),
    context: h('thread'),
    target: h('ext.Count'),
    lock: h('ext.Lock'),
    name: h('count'),
    locks: [h('ext.Lock')],
    location: { file: h('driver.ts'), line: 2, column: 5 },
    source: h('x'),
    related: [{ label: h('the other write'), routine: h('DpcRoutine'), cpu: 0, locks: [h('ext.Lock')], location: { file: h('util.ts'), line: 1, column: 1 }, source: h('y') }],
    details: [h('detail')],
    replay: h('spinlab replay'),
  };
  return {
    ...base,
    submission: h('alice'),
    entry: h('driver.ts'),
    message: base.status === 'graded' ? null : h(base.message ?? 'why'),
    items: base.items.map((item) => (item.findings.length === 0 ? item : { ...item, findings: [hostileFinding, hostileFinding] })),
    unscored: [hostileFinding],
    diagnostics: [{ kind: 'typecheck', file: h('driver.ts'), line: 1, column: 3, message: h('Type error'), source: h('src'), code: 'TS2322' }],
    output: h('printed'),
  };
}
