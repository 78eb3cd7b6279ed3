/**
 * What a course installs. The packed tarball holds the runner, the kernel
 * API and the exercises, never a grader: no scenario, rubric, solution or
 * mutant of any exercise it ships. Installed in a fresh course repository
 * whose package.json names its graders folder, plain `npx spinlab check`
 * grades the course's own exercise, and `npx tsc` there resolves
 * `spinlab/kernel` as the grader does.
 */
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutantPatches, readMutant } from '../../src/grade/selftest.js';
import { ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-package-'));
const course = join(work, 'course');
const exerciseDir = join(course, 'e2e-count');
let tarball = '';
let files: string[] = [];
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npx = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  execa('npx', ['--no-install', ...args], { cwd, reject: false, env: { NO_COLOR: '1', SPINLAB_GRADERS: '', ...env } });

let installLog = '';
beforeAll(async () => {
  // dist/ is built by `npm test` before the tests run: pack it as it is, the way the docs say to.
  const pack = await execa(process.execPath, [join(ROOT, 'scripts/pack.mjs'), '--no-build', '--out', work], { cwd: ROOT });
  tarball = pack.stdout.trim().split('\n').at(-1)!;
  const listing = await execa('tar', ['-tzf', tarball]);
  files = listing.stdout.split('\n').filter((f) => f.startsWith('package/') && !f.endsWith('/')).map((f) => f.slice('package/'.length));
  mkdirSync(join(course, 'graders', 'e2e-count'), { recursive: true });
  writeFileSync(join(course, 'package.json'), JSON.stringify({ name: 'course', private: true, spinlab: { graders: 'graders' } }, null, 2));
  cpSync(join(ROOT, 'test/fixtures/course/exercises/e2e-count'), exerciseDir, { recursive: true });
  for (const file of ['scenario.ts', 'rubric.json']) cpSync(join(ROOT, 'test/fixtures/course/graders/e2e-count', file), join(course, 'graders/e2e-count', file));
  const install = await execa('npm', ['install', '-D', tarball, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: course, reject: false });
  expect(install.exitCode, install.stderr).toBe(0);
  installLog = `${install.stdout}\n${install.stderr}`;
}, 300_000);

describe('the published package', () => {
  it('declares no script: nothing for npm to run or warn of on install (prepare is for git installs only)', () => {
    const manifest = JSON.parse(readFileSync(join(course, 'node_modules/spinlab/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    expect(installLog).not.toMatch(/spinlab@[^\s]+ \(prepare/);
    expect(files).not.toContain('scripts/build.mjs');
  });

  it('holds no grader: no graders/, no scenario, rubric, solution or mutant of a shipped exercise', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => f.startsWith('graders/'))).toEqual([]);
    const exercises = readdirSync(join(ROOT, 'exercises'));
    for (const id of exercises) {
      expect(files.filter((f) => f.includes(id)).sort()).toEqual(['README.md', 'driver.ts', 'exercise.json', 'tsconfig.json'].map((name) => `exercises/${id}/${name}`));
    }
    // Not even a copy under another name: no shipped file has a grader's solution or mutant text (a mutant's patch, or the driver it makes).
    const graderTexts = new Set<string>();
    for (const id of exercises) {
      const dir = join(ROOT, 'graders', id);
      for (const name of readdirSync(dir, { recursive: true }) as string[]) if (name.endsWith('.ts') || name.endsWith('.patch')) graderTexts.add(readFileSync(join(dir, name), 'utf8'));
      for (const patch of mutantPatches(dir)) graderTexts.add(readMutant(patch).source);
    }
    expect(graderTexts.size).toBeGreaterThan(exercises.length * 2);
    for (const file of files.filter((f) => /\.(ts|js|patch)$/.test(f))) expect(graderTexts.has(readFileSync(join(ROOT, file), 'utf8')), file).toBe(false);
    // The only rubric is the scaffold's template (spinlab new), and it has no hidden item.
    const rubrics = files.filter((f) => f.endsWith('rubric.json'));
    expect(rubrics).toEqual(['templates/new-exercise/grader/rubric.json']);
    expect(readFileSync(join(ROOT, rubrics[0]!), 'utf8')).not.toMatch(/"visibility":\s*"(hidden|after_due_date|after_published)"/);
  });

  it('installed in a course repository, `npx spinlab check` grades the course\'s own exercise with no flags', async () => {
    const run = await npx(['spinlab', 'check'], exerciseDir);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Score 6\/11/);
    expect(run.stdout).not.toContain('Every write is completed'); // the hidden item
    writeFileSync(join(exerciseDir, 'driver.ts'), readFileSync(join(ROOT, 'test/fixtures/course/graders/e2e-count/solution.ts'), 'utf8'));
    const solved = await npx(['spinlab', 'check'], exerciseDir);
    expect(solved.exitCode, solved.stdout).toBe(0);
    cpSync(join(ROOT, 'test/fixtures/course/exercises/e2e-count/driver.ts'), join(exerciseDir, 'driver.ts'));
  }, 120_000);

  it('type-checks the exercise folder with its own tsconfig.json, spinlab/kernel resolved from node_modules', async () => {
    const run = await npx(['tsc', '-p', 'tsconfig.json'], exerciseDir);
    expect(run.exitCode, run.stdout).toBe(0);
  }, 60_000);

  it('says where graders come from when there is none', async () => {
    const bare = join(work, 'bare');
    mkdirSync(bare);
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'bare', private: true }));
    cpSync(join(course, 'node_modules'), join(bare, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    cpSync(join(ROOT, 'exercises/01-initialize-lock'), join(bare, 'ex'), { recursive: true });
    const run = await npx(['spinlab', 'check'], join(bare, 'ex'));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error code: SPINLAB_GRADER_MISSING');
    expect(run.stderr).toContain('"spinlab": { "graders"');
    const list = await npx(['spinlab', 'list'], bare);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain('01-initialize-lock');
  }, 120_000);
});
