/**
 * The hostile suite: submissions that attack the grader, through the built
 * CLI as a course would run it. Each is the e2e-count starter (below full
 * marks) with one attack (hostile-cases.ts) pasted into
 * test/fixtures/hostile/template.ts.
 * Every case must: exit 1 (graded below full, never a usage error or an
 * internal error), end in an allowed status, score at most what the same
 * driver earns without the attack, leak no host data (the canary file, a
 * file outside the submission) into any output, touch nothing on disk,
 * print `PROBED <route>` for every route it probes and never `LEAK` or
 * `PROCESS`; and a batch of all of them beside an honest correct
 * submission still grades everyone into grades.csv.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';
import { CANARY, CASES, MARKER, template, type GradeJson, type HostileCase } from './hostile-cases.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-hostile-'));
const classDir = join(work, 'class');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function driverFor(c: Partial<HostileCase>): string {
  return template
    .replace('/*@load*/', c.load ?? '')
    .replace('/*@entry*/', c.entry ?? '')
    .replace('/*@write*/', c.write ?? '')
    .replace('/*@return*/', c.ret ?? '');
}

function writeSubmission(name: string, c: Partial<HostileCase>): string {
  const dir = join(classDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'driver.ts'), driverFor(c));
  c.setup?.(dir);
  return dir;
}

const gradeArgs = (dir: string, typecheck: boolean, timeout: number) => [
  'grade', 'e2e-count', dir, '--graders', COURSE_GRADERS, '--json', '--schedules', '2', '--timeout', String(timeout), ...(typecheck ? [] : ['--no-typecheck']),
];

/** What the attack-free template earns, with and without the type-check. */
const honest = { typecheck: 0, plain: 0 };

beforeAll(async () => {
  rmSync(MARKER, { force: true });
  for (const c of CASES) writeSubmission(c.name, c);
  const dir = writeSubmission('honest-starter', {});
  const [withTypes, plain] = await Promise.all([spinlab(gradeArgs(dir, true, 20)), spinlab(gradeArgs(dir, false, 20))]);
  honest.typecheck = JSON.parse(withTypes.stdout).score;
  honest.plain = JSON.parse(plain.stdout).score;
  expect(honest.typecheck).toBeGreaterThan(0);
}, 120_000);

describe.concurrent('hostile submissions', () => {
  it('are at least 40, each attacking one thing', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: graded below the honest score, nothing leaked, grader alive', async (_name, c) => {
    const run = await spinlab(gradeArgs(join(classDir, c.name), c.typecheck === true, c.timeout ?? 20), { timeout: 120_000 });
    expect(run.stderr).not.toMatch(/internal error|error code:/);
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout) as GradeJson;
    expect(validateAgainst('result', result)).toEqual([]);
    expect(c.status).toContain(result.status);
    expect(result.score).toBeLessThanOrEqual(c.typecheck === true ? honest.typecheck : honest.plain);
    const everything = `${run.stdout}\n${run.stderr}`;
    expect(everything).not.toContain(CANARY);
    expect(result.output).not.toMatch(/^(LEAK|PROCESS) /m);
    for (const route of c.probes ?? []) expect(result.output).toContain(`PROBED ${route}\n`);
    expect(existsSync(MARKER)).toBe(false);
    c.verify?.(result);
  }, 120_000);
});

describe('a class with every hostile submission in it', () => {
  it('is graded whole: every student has a row in grades.csv, the honest one full marks', async () => {
    writeFileSync(join(classDir, 'honest-correct.ts'), readFileSync(join(ROOT, COURSE_GRADERS, 'e2e-count/solution.ts'), 'utf8'));
    // A single-file submission sits beside the other students' files: it may not import them.
    writeFileSync(join(classDir, 'peeks-at-neighbour.ts'), `export * from './honest-correct.js';\n`);
    const out = join(work, 'out');
    const run = await spinlab(['batch', 'e2e-count', classDir, '--graders', COURSE_GRADERS, '--out', out, '--jobs', '2', '--schedules', '2', '--timeout', '4', '--no-typecheck'], { timeout: 600_000 });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.exitCode).toBe(0);
    const rows = readFileSync(join(out, 'grades.csv'), 'utf8').trim().split('\n').slice(1);
    const byName = new Map(rows.map((row) => [row.split(',')[0]!, row.split(',')]));
    for (const c of CASES) {
      expect(byName.has(c.name), c.name).toBe(true);
      expect(Number(byName.get(c.name)![2]), c.name).toBeLessThanOrEqual(honest.plain);
    }
    expect(byName.get('peeks-at-neighbour')?.[1]).toBe('compile-error');
    // Full marks but the type-check item, which --no-typecheck never awards.
    const correct = byName.get('honest-correct')!;
    expect(correct[1]).toBe('graded');
    expect(Number(correct[2])).toBe(Number(correct[3]) - 1);
    expect(readFileSync(join(out, 'grades.csv'), 'utf8')).not.toContain(CANARY);
    expect(existsSync(MARKER)).toBe(false);
  }, 600_000);
});
