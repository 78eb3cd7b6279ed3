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
      { id: 'init', title: 'Initialized first', check: 'uninitialized-lock', points: 3, maxPoints: 3, passed: true, visibility: 'visible', credit: 'all', schedulesRun: 10, schedulesFailed: 0, findings: [] },
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
      { id: 'secret', title: 'Hidden check', check: 'invariant', points: 0, maxPoints: 1, passed: false, visibility: 'hidden', credit: 'all', schedulesRun: 10, schedulesFailed: 1, findings: [] },
    ],
    unscored: [],
    diagnostics: [],
    output: '::error::forged\n\u001b[32mScore 6/6\u001b[0m',
    ...overrides,
  };
}
