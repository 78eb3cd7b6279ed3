import { readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, spinlab, withoutTiming } from '../helpers/cli.js';

const grade = (submission: string, ...extra: string[]) =>
  spinlab(['grade', 'e2e-count', `test/fixtures/submissions/${submission}`, '--graders', COURSE_GRADERS, '--json', ...extra]);

describe('spinlab grade', () => {
  it('gives a correct submission full marks, exit 0, and a result that validates', async () => {
    const run = await grade('correct');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(validateAgainst('result', result)).toEqual([]);
    expect(result).toMatchObject({ status: 'graded', score: 12, maxScore: 12, exercise: 'e2e-count', exploration: { strategy: 'pct', seed: 1, schedules: 30, schedulesRun: 30, cpus: 4 } });
  });

  it('takes points from a buggy one, with the rule, the TypeScript line and a replay command', async () => {
    const run = await grade('buggy');
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(validateAgainst('result', result)).toEqual([]);
    const race = result.items.find((item: { id: string }) => item.id === 'no-race-on-count');
    expect(race).toMatchObject({ passed: false, points: 0, schedulesFailed: 30 });
    expect(race.findings[0]).toMatchObject({ check: 'data-race', target: 'ext.Count', routine: 'DispatchWrite', location: { file: 'driver.ts', line: 25 } });
    expect(race.findings[0].source).toContain('ext.Count = ext.Count + 1');
    expect(race.findings[0].replay).toMatch(/^npx spinlab replay e2e-count test\/fixtures\/submissions\/buggy --schedule [A-Za-z0-9_-]+ --graders /);
  });

  it('grades the same submission twice to identical JSON apart from timing', async () => {
    const [one, two] = await Promise.all([grade('buggy'), grade('buggy')]);
    expect(withoutTiming(one!.stdout)).toEqual(withoutTiming(two!.stdout));
  });

  it('replays a finding’s schedule code to the same finding', async () => {
    const result = JSON.parse((await grade('buggy')).stdout);
    const finding = result.items.find((item: { id: string }) => item.id === 'no-race-on-count').findings[0];
    const replay = await spinlab(['replay', 'e2e-count', 'test/fixtures/submissions/buggy', '--schedule', finding.schedule, '--graders', COURSE_GRADERS, '--json']);
    expect(replay.exitCode).toBe(0);
    const replayed = JSON.parse(replay.stdout);
    expect(replayed.timeline.length).toBeGreaterThan(0);
    expect(replayed.findings.map((f: { check: string }) => f.check)).toContain('data-race');
  });

  it('reports a syntax error as compile-error at file:line:col, exit 1', async () => {
    const run = await grade('compile-error');
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(validateAgainst('result', result)).toEqual([]);
    expect(result).toMatchObject({ status: 'compile-error', score: 0 });
    expect(result.diagnostics[0]).toMatchObject({ kind: 'compile', file: 'driver.ts', line: 4 });
  });

  it('refuses an import of node:fs as a compile error at the import', async () => {
    const result = JSON.parse((await grade('forbidden-import')).stdout);
    expect(result.status).toBe('compile-error');
    expect(result.diagnostics[0]).toMatchObject({ kind: 'compile', file: 'driver.ts', line: 1, column: 30 });
    expect(result.diagnostics[0].message).toMatch(/node:fs.*not allowed/);
  });

  it('writes every format to --out atomically', async () => {
    const dir = join(tmpdir(), `spinlab-e2e-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    for (const format of ['text', 'json', 'junit', 'gradescope', 'github', 'classroom']) {
      const out = join(dir, `result.${format}`);
      const run = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS, '--format', format, '--out', out, '--no-typecheck']);
      expect(run.exitCode).toBe(1);
      expect(existsSync(out)).toBe(true);
      expect(run.stdout).toBe('');
    }
    expect(readFileSync(join(dir, 'result.junit'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="spinlab" tests="5" failures="\d+"/); // the hidden item only with --hidden
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which formats exist when given an unknown one (exit 2)', async () => {
    const run = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/correct', '--graders', COURSE_GRADERS, '--format', 'xml']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error code: SPINLAB_USAGE');
    expect(run.stderr).toContain('text, json, junit, junit-jenkins, gradescope, github, classroom');
  });

  it('names the known exercises for an unknown one (exit 2), and suggests the nearest', async () => {
    const run = await spinlab(['grade', 'no-such-exercise', 'x.ts']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error code: SPINLAB_EXERCISE_UNKNOWN');
    expect(run.stderr).not.toContain('did you mean');
    for (const [typed, meant] of [['01-initialise-lock', '01-initialize-lock'], ['02', '02-executive-lock'], ['capstone', '08-capstone'], ['queued-lock', '04-queued-locks']]) {
      const near = await spinlab(['check', typed!]);
      expect(near.exitCode).toBe(2);
      expect(near.stderr).toContain(`did you mean \`${meant}\`?`);
    }
  });

  it('still grades a submission without the student file: zero, saying what was expected (exit 1)', async () => {
    // A folder of other drivers (test/fixtures itself now counts as a course upload: it holds course/exercises/e2e-count/).
    const run = await spinlab(['grade', 'e2e-count', 'test/fixtures/drivers', '--graders', COURSE_GRADERS, '--json']);
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'compile-error', score: 0, entry: 'driver.ts' });
    expect(JSON.parse(run.stdout).message).toMatch(/^expected driver\.ts in test\/fixtures\/drivers; found .*: name your file driver\.ts$/);
  });
});

describe('state outside the device extension', () => {
  it('is tracked: a module-level `let` the lock protects is no race, and the driver keeps full marks', async () => {
    const result = JSON.parse((await grade('module-state', '--no-typecheck')).stdout);
    expect(result.unscored).toEqual([]);
    expect(result.score).toBe(result.maxScore - 1);
  });

  it('raced on outside the lock, is a data race at the student line, named module.<variable>, counted against every race item', async () => {
    const source = readFileSync('test/fixtures/submissions/module-state-unlocked/driver.ts', 'utf8').split('\n');
    const line = source.findIndex((text) => text.includes('// @race')) + 1;
    const result = JSON.parse((await grade('module-state-unlocked', '--no-typecheck')).stdout);
    // The rubric's race item names ext.Count: state outside the device could stand in for any field, so it counts there too.
    const item = result.items.find((i: { id: string }) => i.id === 'no-race-on-count');
    expect(item).toMatchObject({ passed: false, points: 0 });
    expect(item.findings[0]).toMatchObject({ check: 'data-race', target: 'module.writes', routine: 'DispatchWrite', location: { file: 'driver.ts', line } });
    expect(item.findings[0].message).toContain('move it into the device extension');
  });
});
