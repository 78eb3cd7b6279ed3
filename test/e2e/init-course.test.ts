/**
 * `spinlab init-course DIR`: two repositories a course pushes as they are.
 * The student template installs (`npm ci` from its own lockfile and vendored
 * tarball), `npx spinlab check` there scores the visible items only, and the
 * steps of its Classroom workflow, run as GitHub runs them, give the
 * reference solution full points through Classroom's reporter. Both
 * workflows pass actionlint; the private repository holds the graders whole.
 */
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintWorkflow } from '../helpers/actionlint.js';
import { classroomReporter, decodeRunner } from '../helpers/classroom-reporter.js';
import { ROOT, spinlab, type CliRun } from '../helpers/cli.js';

const ID = '02-executive-lock';
const work = mkdtempSync(join(tmpdir(), 'spinlab-init-course-'));
const course = join(work, 'course');
const student = join(course, 'student-template');
const secret = join(course, 'graders-private');
const fullRubric = JSON.parse(readFileSync(join(ROOT, 'graders', ID, 'rubric.json'), 'utf8')) as { items: Array<{ id: string; title: string; visibility?: string }> };
const hiddenItems = fullRubric.items.filter((item) => (item.visibility ?? 'visible') !== 'visible');
let made: CliRun;
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  made = await spinlab(['init-course', course, '--exercises', ID], { timeout: 300_000 });
}, 300_000);

describe('spinlab init-course', () => {
  it('makes both repositories, each with a lockfile that pins the vendored tarball', () => {
    expect(made.exitCode, made.stderr).toBe(0);
    for (const repo of [student, secret]) {
      const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; spinlab: unknown };
      expect(manifest.devDependencies.spinlab).toMatch(/^file:vendor\/spinlab-\d+\.\d+\.\d+\.tgz$/);
      expect(existsSync(join(repo, manifest.devDependencies.spinlab.slice('file:'.length)))).toBe(true);
      expect(manifest.spinlab).toEqual({ graders: 'graders' });
      const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
      expect(lock.packages['node_modules/spinlab']?.resolved).toBe(manifest.devDependencies.spinlab);
      expect(readFileSync(join(repo, '.gitattributes'), 'utf8')).toBe('* text=auto eol=lf\n');
      expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toMatch(/^node_modules\/$/m);
    }
  });

  it('writes workflows that pass actionlint: Classroom in the template, the sharded batch in the private one', async () => {
    const workflows = [join(student, '.github/workflows/classroom.yml'), join(secret, '.github/workflows/grade-class.yml')];
    for (const file of workflows) expect(await lintWorkflow(readFileSync(file, 'utf8'), file), file).toEqual([]);
    const grade = parse(readFileSync(workflows[1]!, 'utf8')) as { on: { workflow_dispatch: { inputs: { exercise: { options: string[] } } } }; jobs: { grade: { strategy: { matrix: { shard: number[] } } } } };
    expect(grade.on.workflow_dispatch.inputs.exercise.options).toEqual([ID]);
    expect(grade.jobs.grade.strategy.matrix.shard).toEqual([1, 2, 3, 4]);
  });

  it('gives students a rubric with no hidden item, and keeps the graders whole in the private repository', () => {
    expect(hiddenItems.length).toBeGreaterThan(0);
    const visible = readFileSync(join(student, 'graders', ID, 'rubric.json'), 'utf8');
    for (const item of hiddenItems) {
      expect(visible).not.toContain(item.title);
      expect(visible).not.toContain(`"${item.id}"`);
    }
    expect(readdirSync(join(student, 'graders', ID)).sort()).toEqual(['rubric.json', 'scenario.ts']);
    expect(readdirSync(join(student, 'exercises', ID)).sort()).toEqual(['README.md', 'driver.ts', 'exercise.json', 'tsconfig.json']);
    const graders = join(secret, 'graders', ID);
    for (const name of ['scenario.ts', 'solution.ts', 'nothing.ts']) expect(readFileSync(join(graders, name), 'utf8')).toBe(readFileSync(join(ROOT, 'graders', ID, name), 'utf8'));
    expect(readdirSync(join(graders, 'mutants')).sort()).toEqual(readdirSync(join(ROOT, 'graders', ID, 'mutants')).sort());
    expect(readdirSync(join(graders, 'solutions')).sort()).toEqual(readdirSync(join(ROOT, 'graders', ID, 'solutions')).sort());
    expect(JSON.parse(readFileSync(join(graders, 'rubric.json'), 'utf8')).items).toEqual(fullRubric.items);
  });

  it('in the template, `npm ci` installs and `npx spinlab check` scores the starter on visible items only', async () => {
    const install = await execa('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: student, reject: false });
    expect(install.exitCode, install.stderr).toBe(0);
    const check = await execa('npx', ['--no-install', 'spinlab', 'check', ID], { cwd: student, reject: false, env: { NO_COLOR: '1', SPINLAB_GRADERS: '' } });
    expect(check.exitCode, check.stderr).toBe(1);
    expect(check.stdout).toMatch(/^Score \d+\/\d+$/m);
    for (const item of hiddenItems) expect(check.stdout).not.toContain(item.title);
  }, 180_000);

  it("runs the Classroom workflow's steps as GitHub would: the reference solution gets every visible point", async () => {
    const workflow = parse(readFileSync(join(student, '.github/workflows/classroom.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ id?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }> }> };
    const steps = Object.values(workflow.jobs)[0]!.steps;
    writeFileSync(join(student, 'exercises', ID, 'driver.ts'), readFileSync(join(ROOT, 'graders', ID, 'solution.ts'), 'utf8'));
    const runnerTemp = join(work, 'runner-temp');
    mkdirSync(runnerTemp);
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    const env = { NO_COLOR: '1', SPINLAB_GRADERS: '', RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(work, 'summary.md'), GITHUB_WORKSPACE: student };
    for (const step of steps.filter((s) => s.run !== undefined && s.run !== 'npm ci')) {
      const run = await execa('bash', ['-c', step.run!], { cwd: student, reject: false, env });
      if (!/spinlab grade/.test(step.run!)) expect(run.exitCode, `${step.run}\n${run.stderr}`).toBe(0);
    }
    const reporter = steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter'))!;
    const runners = reporter.with!.runners!.split(',');
    expect(runners).toEqual([ID]);
    const results = /^result=(.*)$/m.exec(readFileSync(output, 'utf8'))![1]!;
    // The env entry the reporter reads for this runner names the step output that was just written.
    expect(reporter.env![`${ID.toUpperCase()}_RESULTS`]).toMatch(/steps\.score-02-executive-lock\.outputs\.result/);
    const recorded = classroomReporter([decodeRunner(ID, results)]);
    expect(recorded.maxScore).toBeGreaterThan(0);
    expect(recorded.totalScore).toBe(recorded.maxScore);
    expect(recorded.failed).toBe(false);
  }, 180_000);

  it('writes both repositories but exits 1 naming each, when npm can make no lockfile (offline, nothing cached)', async () => {
    const cache = join(work, 'empty-npm-cache');
    mkdirSync(cache);
    const offline = join(work, 'offline');
    const vendored = readdirSync(join(student, 'vendor'))[0]!; // a given tarball is vendored as it is: no packing
    const run = await spinlab(['init-course', offline, '--exercises', ID, '--tarball', join(student, 'vendor', vendored)], { timeout: 300_000, env: { npm_config_offline: 'true', npm_config_cache: cache } });
    expect(run.exitCode, run.stderr).toBe(1);
    for (const repo of ['student-template', 'graders-private']) {
      expect(existsSync(join(offline, repo, 'package.json'))).toBe(true);
      expect(existsSync(join(offline, repo, 'package-lock.json'))).toBe(false);
      expect(run.stderr).toContain(`no package-lock.json in ${join(offline, repo)} (npm: code ENOTCACHED`);
      expect(readFileSync(join(offline, repo, 'vendor', vendored))).toEqual(readFileSync(join(student, 'vendor', vendored)));
    }
  }, 300_000);

  it('refuses a folder that is not empty, an unknown exercise and a missing tarball (exit 2), leaving nothing behind', async () => {
    const busy = await spinlab(['init-course', course]);
    expect(busy.exitCode).toBe(2);
    expect(busy.stderr).toMatch(/already exists and is not an empty folder/);
    const fresh = join(work, 'fresh');
    const unknown = await spinlab(['init-course', fresh, '--exercises', `${ID},02-executive-lok`]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('SPINLAB_EXERCISE_UNKNOWN');
    const tarball = await spinlab(['init-course', fresh, '--exercises', ID, '--tarball', join(work, 'nope.tgz')]);
    expect(tarball.exitCode).toBe(2);
    const noGraders = await spinlab(['init-course', fresh, '--graders', join(work, 'nowhere')]);
    expect(noGraders.exitCode).toBe(2);
    expect(noGraders.stderr).toContain('SPINLAB_GRADER_MISSING');
    expect(existsSync(fresh)).toBe(false);
  });

  it('refuses a rubric that does not load, and one with no visible item, before writing anything', async () => {
    const graders = join(work, 'graders');
    cpSync(join(ROOT, 'graders', ID), join(graders, ID), { recursive: true });
    const rubric = join(graders, ID, 'rubric.json');
    const fresh = join(work, 'fresh-rubric');
    writeFileSync(rubric, JSON.stringify({ ...fullRubric, items: [...fullRubric.items, { ...fullRubric.items[0], requires: ['no-such-item'] }] }));
    const broken = await spinlab(['init-course', fresh, '--graders', graders, '--exercises', ID]);
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toMatch(/SPINLAB_RUBRIC_INVALID/);
    expect(broken.stderr).toContain('no-such-item');
    writeFileSync(rubric, JSON.stringify({ ...fullRubric, items: fullRubric.items.map((item) => ({ ...item, visibility: 'hidden' })) }));
    const allHidden = await spinlab(['init-course', fresh, '--graders', graders, '--exercises', ID]);
    expect(allHidden.exitCode).toBe(2);
    expect(allHidden.stderr).toMatch(/no visible item worth points[\s\S]*SPINLAB_RUBRIC_INVALID/);
    expect(existsSync(fresh)).toBe(false);
  });
});
