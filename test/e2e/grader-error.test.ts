/**
 * The grader's own failure (its scenario or an invariant throws) is never a
 * pass, nor is an invariant that judged nothing: the grading is `grader-error`, only the type-check item can earn its
 * point, every command exits 2, and the message names the scenario's line.
 * The course is made here from the `e2e-count` fixture, with the scenarios of
 * test/fixtures/broken-graders (see its README).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/rubric/result.js';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { ROOT, spinlab } from '../helpers/cli.js';

const SOLUTION = 'test/fixtures/course/graders/e2e-count/solution.ts';
const work = mkdtempSync(join(tmpdir(), 'spinlab-grader-error-'));
const GRADERS = join(work, 'course', 'graders');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  for (const id of ['scenario-throws', 'invariant-throws', 'invariant-never-judged']) {
    const exercise = join(work, 'course', 'exercises', id);
    const grader = join(GRADERS, id);
    cpSync(join(ROOT, 'test/fixtures/course/exercises/e2e-count'), exercise, { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/course/graders/e2e-count'), grader, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(exercise, 'exercise.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(exercise, 'exercise.json'), JSON.stringify({ ...manifest, id, title: `A grader whose ${id.split('-')[0]} throws` }));
    const rubric = JSON.parse(readFileSync(join(grader, 'rubric.json'), 'utf8')) as { exploration: Record<string, unknown> };
    writeFileSync(join(grader, 'rubric.json'), JSON.stringify({ ...rubric, exercise: id, exploration: { ...rubric.exploration, schedules: 10 } }));
    cpSync(join(ROOT, 'test/fixtures/broken-graders', `${id}.ts`), join(grader, 'scenario.ts'));
  }
});

/** `graders/<id>/scenario.ts:<line>` of the line marked `// @throws` in that grader's scenario. */
function throwingLine(id: string): string {
  const lines = readFileSync(join(ROOT, 'test/fixtures/broken-graders', `${id}.ts`), 'utf8').split('\n');
  return `graders/${id}/scenario.ts:${lines.findIndex((line) => line.includes('// @throws')) + 1}:`;
}

async function gradeJson(id: string, submission: string): Promise<{ exitCode: number | undefined; result: GradeResult; stderr: string }> {
  const run = await spinlab(['grade', id, submission, '--graders', GRADERS, '--json']);
  return { exitCode: run.exitCode, result: JSON.parse(run.stdout) as GradeResult, stderr: run.stderr };
}

describe('a scenario that throws', () => {
  it('grades even the reference solution grader-error, exit 2: only the type-check point, the scenario’s line named', async () => {
    const { exitCode, result, stderr } = await gradeJson('scenario-throws', SOLUTION);
    expect(exitCode).toBe(2);
    expect(validateAgainst('result', result)).toEqual([]);
    expect(result.status).toBe('grader-error');
    expect(result.message).toContain(`the scenario threw at ${throwingLine('scenario-throws')}`);
    expect(result.message).toContain("TypeError: Cannot read properties of undefined (reading 'writes')");
    expect(result.message).toMatch(/in 10 of 10 schedule\(s\)$/);
    expect(result.items.map((item) => [item.id, item.passed, item.points])).toEqual([
      ['init-before-use', false, 0],
      ['release-on-every-path', false, 0],
      ['no-race-on-count', false, 0],
      ['count-exact', false, 0],
      ['every-write-completed', false, 0],
      ['typechecks', true, 1],
    ]);
    expect(result.score).toBe(1);
    expect(stderr).toContain(throwingLine('scenario-throws'));
  });

  it('batch: grades the whole class, writes every result, then exits 2 naming the cause once', async () => {
    const out = join(work, 'batch');
    const run = await spinlab(['batch', 'scenario-throws', 'test/fixtures/class', '--graders', GRADERS, '--no-typecheck', '--jobs', '2', '--out', out]);
    expect(run.exitCode).toBe(2);
    const results = readdirSync(out)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(out, file), 'utf8')) as GradeResult);
    expect(results.map((r) => [r.submission, r.status]).sort()).toEqual([
      ['buggy', 'grader-error'],
      ['compile-error', 'compile-error'],
      ['correct', 'grader-error'],
      ['empty-folder', 'compile-error'],
      ['single-file', 'grader-error'],
      ['throws-non-error', 'grader-error'],
    ]);
    for (const result of results) expect(validateAgainst('result', result)).toEqual([]);
    expect(existsSync(join(out, 'grades.csv'))).toBe(true);
    const lines = run.stderr.split('\n').filter((line) => line.includes(throwingLine('scenario-throws')));
    expect(lines).toEqual([expect.stringMatching(/^spinlab: 4 of 6 grading\(s\) ended in grader-error — the grader failed, not the submission: the scenario threw at /)]);
  });

  it('batch --resume grades a grader-error again (the grader may be fixed by then)', async () => {
    const out = join(work, 'resume');
    await spinlab(['batch', 'scenario-throws', 'test/fixtures/class', '--graders', GRADERS, '--no-typecheck', '--out', out]);
    const again = await spinlab(['batch', 'scenario-throws', 'test/fixtures/class', '--graders', GRADERS, '--no-typecheck', '--out', out, '--resume']);
    expect(again.exitCode).toBe(2);
    // The two compile errors are kept; the four grader errors are graded again.
    expect(again.stderr).toContain('resuming: 2 submission(s) already graded');
  });

  it('check: exit 2, telling the student the grader failed, not their code, and to tell their course staff', async () => {
    const run = await spinlab(['check', 'scenario-throws', SOLUTION, '--graders', GRADERS]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain('grader-error');
    expect(run.stderr).toBe('spinlab: the grader itself failed, not your code, so this run says nothing about your work; please tell your course staff, with the message above.');
  });

  it('selftest: fails, exit 2, naming the scenario’s line on the reference solution', async () => {
    const run = await spinlab(['selftest', 'scenario-throws', '--graders', GRADERS, '--quick', '--json']);
    expect(run.exitCode).toBe(2);
    const [report] = JSON.parse(run.stdout) as Array<{ checks: Array<{ kind: string; ok: boolean; problem: string | null; graderError?: boolean }> }>;
    const solution = report!.checks.find((check) => check.kind === 'solution');
    expect(solution).toMatchObject({ ok: false, graderError: true });
    expect(solution!.problem).toContain(`grader-error: the grader failed, not the submission: the scenario threw at ${throwingLine('scenario-throws')}`);
    expect(run.stderr).toContain('the grader of scenario-throws failed on its own (grader-error)');
  });
});

describe('an invariant that throws', () => {
  it('is the grader’s failure, not a failing invariant: grader-error, exit 2, the invariant and its line named', async () => {
    const { exitCode, result } = await gradeJson('invariant-throws', SOLUTION);
    expect(exitCode).toBe(2);
    expect(result.status).toBe('grader-error');
    expect(result.message).toContain(`invariant \`count\` threw at ${throwingLine('invariant-throws')}`);
    const count = result.items.find((item) => item.id === 'count-exact')!;
    // Lost, and not blamed on the submission: no finding says the invariant failed.
    expect(count).toMatchObject({ passed: false, points: 0, findings: [] });
    expect(result.items.find((item) => item.id === 'typechecks')).toMatchObject({ passed: true, points: 1 });
  });

  it('keeps the findings a submission earned: a racy driver still fails the race item, with its finding', async () => {
    const { exitCode, result } = await gradeJson('invariant-throws', 'test/fixtures/submissions/buggy');
    expect(exitCode).toBe(2);
    const race = result.items.find((item) => item.id === 'no-race-on-count')!;
    expect(race).toMatchObject({ passed: false, points: 0 });
    expect(race.findings[0]).toMatchObject({ check: 'data-race', target: 'ext.Count' });
    expect(result.items.filter((item) => item.check !== 'typecheck').every((item) => !item.passed && item.points === 0)).toBe(true);
  });

  it('replay: exit 2 on a schedule the grader cannot decide, naming the invariant', async () => {
    const { result } = await gradeJson('invariant-throws', 'test/fixtures/submissions/buggy');
    const code = result.items.find((item) => item.id === 'no-race-on-count')!.findings[0]!.schedule!;
    const run = await spinlab(['replay', 'invariant-throws', 'test/fixtures/submissions/buggy', '--schedule', code, '--graders', GRADERS]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`invariant \`count\` threw at ${throwingLine('invariant-throws')}`);
  });

  it('selftest: exit 2', async () => {
    const run = await spinlab(['selftest', 'invariant-throws', '--graders', GRADERS, '--quick']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain(throwingLine('invariant-throws'));
  });
});

describe('a grader that does not fail', () => {
  it('grades the same solution graded, full marks, exit 0 (the e2e-count grader these are copies of)', async () => {
    const run = await spinlab(['grade', 'e2e-count', SOLUTION, '--graders', 'test/fixtures/course/graders', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'graded', message: null });
  });
});

describe('an invariant that never judges (returns null on every final state)', () => {
  it('is no evidence: its item is lost, saying so, and the rest is graded as usual', async () => {
    const { exitCode, result } = await gradeJson('invariant-never-judged', SOLUTION);
    expect(result.status).toBe('graded');
    expect(exitCode).toBe(1);
    const count = result.items.find((item) => item.id === 'count-exact')!;
    expect(count).toMatchObject({ passed: false, points: 0, schedulesFailed: 0, findings: [{ check: 'invariant', rule: 'no evidence' }] });
    expect(count.findings[0]!.message).toContain('`count`');
    expect(result.items.filter((item) => item.id !== 'count-exact').every((item) => item.passed)).toBe(true);
  });
});
