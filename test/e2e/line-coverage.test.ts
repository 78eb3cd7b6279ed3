/**
 * Line coverage through the CLI: the result's `coverage` names exactly the
 * lines of the student's functions that ran in no schedule, the reports say
 * them, and a driver whose every statement ran reports none.
 */
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, spinlab } from '../helpers/cli.js';

interface Coverage {
  statements: { total: number; ran: number };
  neverRan: Array<{ file: string; from: number; to: number; routine: string | null }>;
  omitted: number;
}

const grade = (submission: string, ...extra: string[]) => spinlab(['grade', 'e2e-count', submission, '--graders', COURSE_GRADERS, '--schedules', '6', ...extra]);
const UNTESTED = 'test/fixtures/submissions/untested-error-path';
const CORRECT = 'test/fixtures/submissions/correct';

describe.concurrent('line coverage', () => {
  it('names the error path the workload never drives and the helper nobody calls, on full marks', async () => {
    const run = await grade(UNTESTED, '--format', 'json');
    const result = JSON.parse(run.stdout) as { status: string; score: number; maxScore: number; coverage?: Coverage };
    expect(validateAgainst('result', result)).toEqual([]);
    expect(result.status).toBe('graded');
    // Information, never points.
    expect(result.score).toBe(result.maxScore);
    expect(result.coverage?.neverRan).toEqual([
      { file: 'driver.ts', from: 31, to: 35, routine: 'DispatchWrite' },
      { file: 'driver.ts', from: 46, to: 47, routine: 'describeCount' },
    ]);
    expect(result.coverage?.statements.total).toBeGreaterThan(result.coverage!.statements.ran);
    expect(result.coverage?.statements.total).toBe(result.coverage!.statements.ran + 6);
    expect(result.coverage?.omitted).toBe(0);
  });

  it('reports nothing when every statement ran', async () => {
    const run = await grade(CORRECT, '--format', 'json');
    const result = JSON.parse(run.stdout) as { coverage?: Coverage };
    expect(result.coverage?.neverRan).toEqual([]);
    expect(result.coverage?.statements.ran).toBe(result.coverage?.statements.total);
    expect(result.coverage?.statements.total).toBeGreaterThan(5);
    const text = await grade(CORRECT);
    expect(text.stdout).not.toContain('Never ran');
  });

  it('is the same on the same seed, and says each range in the text report and Gradescope output', async () => {
    const [first, second, text, gradescope] = await Promise.all([
      grade(UNTESTED, '--format', 'json', '--seed', '7'),
      grade(UNTESTED, '--format', 'json', '--seed', '7'),
      grade(UNTESTED),
      grade(UNTESTED, '--format', 'gradescope'),
    ]);
    expect(JSON.parse(first.stdout).coverage).toEqual(JSON.parse(second.stdout).coverage);
    for (const report of [text.stdout, JSON.parse(gradescope.stdout).output as string]) {
      expect(report).toContain('driver.ts lines 31–35 (DispatchWrite)');
      expect(report).toContain('driver.ts lines 46–47 (describeCount)');
    }
  });

  it('is absent when the exploration did not finish (nothing is known of the lines)', async () => {
    const run = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/loop-in-routine', '--graders', COURSE_GRADERS, '--format', 'json', '--timeout', '3', '--no-typecheck']);
    const result = JSON.parse(run.stdout) as { status: string; coverage?: Coverage };
    expect(result.status).toBe('timed-out');
    expect(result.coverage).toBeUndefined();
  });
});
