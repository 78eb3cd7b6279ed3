/**
 * The Gradescope autograder zip, run as Gradescope runs it: unzipped into a
 * folder standing for /autograder (AUTOGRADER_ROOT), setup.sh's npm ci
 * (offline; its Node install skipped: this machine has Node 20), then
 * run_autograder, copied to the root as Gradescope copies it, on a student's
 * upload in submission/. results.json is checked as Gradescope reads it.
 */
import { execa } from 'execa';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonProblems } from '../helpers/inert.js';
import { ROOT, spinlab } from '../helpers/cli.js';

const EXERCISE = '01-initialize-lock';
const work = mkdtempSync(join(tmpdir(), 'spinlab-gradescope-'));
const root = join(work, 'autograder');
const zip = join(work, 'autograder.zip');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let build = { exitCode: 0 as number | undefined, stdout: '', stderr: '' };
beforeAll(async () => {
  // dist/ is built before the tests run: pack it as it is, the way the docs say to.
  const pack = await execa(process.execPath, [join(ROOT, 'scripts/pack.mjs'), '--no-build', '--out', work], { cwd: ROOT });
  const tarball = pack.stdout.trim().split('\n').at(-1)!;
  build = await spinlab(['gradescope-autograder', EXERCISE, '--out', zip, '--tarball', tarball], { timeout: 240_000 });
  expect(build.exitCode, build.stderr).toBe(0);
  // unzip, as Gradescope unpacks it: the scripts' modes are kept.
  mkdirSync(join(root, 'source'), { recursive: true });
  await execa('unzip', ['-q', zip, '-d', join(root, 'source')]);
  const setup = await execa('bash', [join(root, 'source/setup.sh')], { reject: false, env: { AUTOGRADER_ROOT: root, SPINLAB_SKIP_NODE_INSTALL: '1', SPINLAB_NPM_FLAGS: '--prefer-offline' } });
  expect(setup.exitCode, setup.stderr).toBe(0);
  copyFileSync(join(root, 'source/run_autograder'), join(root, 'run_autograder'));
}, 600_000);

/** Runs run_autograder on `upload` (copied into submission/) and returns results.json. */
async function autograde(upload: string): Promise<{ exitCode: number | undefined; results: Record<string, unknown> & { tests: Array<Record<string, unknown>> }; text: string }> {
  rmSync(join(root, 'submission'), { recursive: true, force: true });
  rmSync(join(root, 'results'), { recursive: true, force: true });
  mkdirSync(join(root, 'submission'), { recursive: true });
  if (statSync(upload).isDirectory()) cpSync(upload, join(root, 'submission'), { recursive: true });
  else copyFileSync(upload, join(root, 'submission/driver.ts'));
  // From another folder, with spinlab's own graders out of reach: only what the zip holds may be used.
  const run = await execa(join(root, 'run_autograder'), [], { cwd: work, reject: false, env: { AUTOGRADER_ROOT: root, SPINLAB_GRADERS: '' } });
  const text = readFileSync(join(root, 'results/results.json'), 'utf8');
  return { exitCode: run.exitCode, results: JSON.parse(text), text };
}

/** What Gradescope requires of results.json, and what its page shows: a score that is the tests' sum, out of the rubric's total. */
function expectValidResults(results: Record<string, unknown> & { tests: Array<Record<string, unknown>> }, text: string, maxScore: number): void {
  expect(jsonProblems(text, 'gradescope', { displayed: true })).toEqual([]);
  expect(typeof results.score).toBe('number');
  expect(results.tests.reduce((n, t) => n + (t.score as number), 0)).toBe(results.score);
  expect(results.tests.reduce((n, t) => n + (t.max_score as number), 0)).toBe(maxScore);
  for (const test of results.tests) {
    expect(test).toMatchObject({ name: expect.any(String), score: expect.any(Number), max_score: expect.any(Number), status: expect.stringMatching(/^(passed|failed)$/) });
    expect(['visible', 'hidden', 'after_due_date', 'after_published']).toContain(test.visibility);
  }
}

const rubricTotal = (): number => (JSON.parse(readFileSync(join(ROOT, 'graders', EXERCISE, 'rubric.json'), 'utf8')) as { items: Array<{ points: number }> }).items.reduce((n, i) => n + i.points, 0);

describe('the Gradescope autograder zip', () => {
  it('holds Gradescope\'s scripts (executable), the package and its lockfile, the tarball and the grader — no solution or mutant', async () => {
    const listing = await execa('python3', ['-c', 'import sys, zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(oct(i.external_attr >> 16 & 0o777), i.filename)', zip]);
    const entries = listing.stdout.split('\n');
    expect(entries).toEqual(expect.arrayContaining(['0o755 setup.sh', '0o755 run_autograder', '0o644 package.json', '0o644 package-lock.json', '0o644 spinlab-0.1.0.tgz', `0o644 graders/${EXERCISE}/rubric.json`, `0o644 graders/${EXERCISE}/scenario.ts`]));
    expect(entries.filter((e) => /solution|mutant|nothing\.ts/.test(e))).toEqual([]);
    const lock = JSON.parse(readFileSync(join(root, 'source/package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
    expect(lock.packages['node_modules/spinlab']?.resolved).toBe('file:spinlab-0.1.0.tgz');
    expect(readFileSync(join(root, 'source/setup.sh'), 'utf8')).toMatch(/node_version="20\.\d+\.\d+"/);
  });

  it('a reference solution: full marks', async () => {
    const { exitCode, results, text } = await autograde(join(ROOT, 'graders', EXERCISE, 'solution.ts'));
    expect(exitCode).toBe(0);
    expectValidResults(results, text, rubricTotal());
    expect(results.score).toBe(rubricTotal());
  }, 180_000);

  it('the starter, uploaded as a whole course repository (exercises/<id>/driver.ts): below full marks, every item reported', async () => {
    const upload = join(work, 'repo');
    cpSync(join(ROOT, 'exercises', EXERCISE), join(upload, 'exercises', EXERCISE), { recursive: true });
    const { exitCode, results, text } = await autograde(upload);
    expect(exitCode).toBe(0);
    expectValidResults(results, text, rubricTotal());
    expect(results.score as number).toBeLessThan(rubricTotal());
    expect(results.tests.some((t) => t.visibility === 'hidden')).toBe(true);
  }, 180_000);

  it('when spinlab cannot grade at all (the grader is broken), results.json is still written, with a zero score saying so', async () => {
    const rubric = join(root, 'source/graders', EXERCISE, 'rubric.json');
    const kept = readFileSync(rubric);
    rmSync(rubric);
    try {
      const { exitCode, results, text } = await autograde(join(ROOT, 'graders', EXERCISE, 'solution.ts'));
      expect(exitCode).toBe(0);
      expect(jsonProblems(text, 'gradescope', { displayed: true })).toEqual([]);
      expect(results).toMatchObject({ score: 0, tests: [], output_format: 'text' });
      expect(results.output).toMatch(/spinlab exited with 2 and wrote no result/);
    } finally {
      writeFileSync(rubric, kept);
    }
  }, 180_000);
});

describe('gradescope-autograder refuses what would not work', () => {
  it('an unknown exercise, a tarball that is not one, an --out that is a folder: exit 2 in one sentence, nothing written', async () => {
    const unknown = await spinlab(['gradescope-autograder', '01-initialise-lock', '--out', join(work, 'x.zip')]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/did you mean `01-initialize-lock`/);
    const notTarball = await spinlab(['gradescope-autograder', EXERCISE, '--out', join(work, 'x.zip'), '--tarball', join(ROOT, 'README.md')]);
    expect(notTarball.exitCode).toBe(2);
    expect(notTarball.stderr).toMatch(/expected a tarball named like spinlab-0\.1\.0\.tgz/);
    const folder = await spinlab(['gradescope-autograder', EXERCISE, '--out', work]);
    expect(folder.exitCode).toBe(2);
    expect(folder.stderr).toMatch(/SPINLAB_OUTPUT_UNWRITABLE/);
    expect(() => statSync(join(work, 'x.zip'))).toThrow();
  });
});
