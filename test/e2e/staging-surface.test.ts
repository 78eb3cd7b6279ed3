/**
 * The staging surfaces of issue #19 through the built CLI: the cases of
 * test/e2e/surface-cases/{results,batch,neighbours,host-steps}.ts, each
 * graded alone with `spinlab grade` and all of them in one `spinlab batch`.
 * Every case: the exit code of its result, a written result that validates,
 * a score no higher than the honest starter's, and no canary, no outside
 * path and none of the grader's absolute paths (the repository, the
 * temporary folder) in any output. The batch: every student present exactly
 * once, in grades.csv and as a result file. Then the mechanisms the cases
 * cannot reach: the budget (a grading that overruns is timed-out and the
 * batch moves on), a grader-error, and --resume, --shard and merge by id.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, ROOT, spinlab, type CliRun } from '../helpers/cli.js';
import { CANARY } from './hostile-cases.js';
import { honestStarterText, type SurfaceCase, type SurfaceContext, type SurfaceResult } from './surface-case.js';
import { CASES as BATCH } from './surface-cases/batch.js';
import { CASES as HOST_STEPS } from './surface-cases/host-steps.js';
import { CASES as NEIGHBOURS } from './surface-cases/neighbours.js';
import { CASES as RESULTS } from './surface-cases/results.js';

const CASES: readonly SurfaceCase[] = [...RESULTS, ...BATCH, ...NEIGHBOURS, ...HOST_STEPS];
const work = mkdtempSync(join(tmpdir(), 'spinlab-staging-surface-'));
const classDir = join(work, 'class');
const outsideDir = join(work, 'outside');
// rm -rf: the 2,100-deep tree is past Node's recursive rmSync's stack.
afterAll(async () => {
  const { execFileSync } = await import('node:child_process');
  execFileSync('rm', ['-rf', work]);
});

const ctx: SurfaceContext = { classDir, outsideDir, honestStarter: honestStarterText(), canary: CANARY };
const paths = new Map<string, string>();
const honest = { typecheck: 0, plain: 0 };

const gradeArgs = (path: string, out: string, typecheck: boolean, timeout: number): string[] => [
  'grade', 'e2e-count', path, '--graders', COURSE_GRADERS, '--json', '--out', out, '--schedules', '2', '--timeout', String(timeout), ...(typecheck ? [] : ['--no-typecheck']),
];

/** Everything a run showed or wrote, with the paths the test gave it (all under its work folder) taken out. */
function everything(run: CliRun, ...files: string[]): string {
  return [run.stdout, run.stderr, ...files.map((file) => readFileSync(file, 'utf8'))].join('\n').split(work).join('<work>');
}

/** No canary, no outside path, none of the grader's absolute paths. */
function expectNothingLeaked(text: string): void {
  expect(text).not.toContain(CANARY);
  expect(text).not.toContain(outsideDir);
  expect(text).not.toContain(ROOT.replace(/\/$/, ''));
  expect(text).not.toContain(tmpdir());
  expect(text).not.toMatch(/internal error/);
}

beforeAll(async () => {
  mkdirSync(classDir, { recursive: true });
  mkdirSync(outsideDir, { recursive: true });
  writeFileSync(join(outsideDir, 'secret.ts'), `export const secret = '${CANARY}';\n`);
  for (const c of CASES) paths.set(c.name, c.build(ctx));
  const starter = join(work, 'honest');
  mkdirSync(starter);
  writeFileSync(join(starter, 'driver.ts'), ctx.honestStarter);
  const [withTypes, plain] = await Promise.all([true, false].map((typecheck) => spinlab([...gradeArgs(starter, join(work, `honest-${typecheck}.json`), typecheck, 20)])));
  expect(withTypes!.exitCode).toBe(1);
  honest.typecheck = JSON.parse(readFileSync(join(work, 'honest-true.json'), 'utf8')).score;
  honest.plain = JSON.parse(readFileSync(join(work, 'honest-false.json'), 'utf8')).score;
  expect(plain!.exitCode).toBe(1);
  expect(honest.plain).toBeGreaterThan(0);
}, 300_000);

describe('the staging surface cases', () => {
  it('are at least 10, uniquely named, over results, batch, neighbours and host steps', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(new Set(CASES.map((c) => c.area))).toEqual(new Set(['results', 'batch', 'neighbours', 'host-steps']));
  });
});

describe.concurrent('each staging surface case, graded alone', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: a written result, below the honest score, nothing leaked', async (name, c) => {
    const out = join(work, 'single', `${name}.json`);
    const run = await spinlab(gradeArgs(paths.get(name)!, out, c.typecheck === true, c.timeout ?? 20), { timeout: 300_000 });
    expect(run.stderr).not.toMatch(/error code:/);
    expect(existsSync(out)).toBe(true);
    const result = JSON.parse(readFileSync(out, 'utf8')) as SurfaceResult;
    expect(validateAgainst('result', result)).toEqual([]);
    expect(c.status).toContain(result.status);
    expect(run.exitCode).toBe(1);
    expect(result.score).toBeLessThanOrEqual(c.typecheck === true ? honest.typecheck : honest.plain);
    expectNothingLeaked(everything(run, out));
    c.verify?.(result);
  }, 300_000);
});

/** What `spinlab batch` must list: every entry not starting with a dot that is a folder (a link to one too) or named *.ts. */
function expectedStudents(dir: string): number {
  return readdirSync(dir, { encoding: 'buffer' }).filter((name) => {
    if (name[0] === 0x2e) return false;
    if (name.toString('latin1').endsWith('.ts')) return true;
    try {
      return statSync(Buffer.concat([Buffer.from(`${dir}/`), name])).isDirectory();
    } catch {
      return false;
    }
  }).length;
}

/** grades.csv's rows as submission → [status, score]. */
function rowsOf(csv: string): Array<[string, string, number]> {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(',');
      return [cells[0]!, cells[1]!, Number(cells[2])];
    });
}

describe('a batch of every staging surface case', () => {
  it('has every student exactly once, in grades.csv and as a result file named by its id, and leaks nothing', async () => {
    const out = join(work, 'batch');
    const run = await spinlab(['batch', 'e2e-count', classDir, '--graders', COURSE_GRADERS, '--out', out, '--jobs', '2', '--schedules', '2', '--timeout', '20', '--no-typecheck'], { timeout: 900_000 });
    expect(run.exitCode).toBe(0);
    const csv = readFileSync(join(out, 'grades.csv'), 'utf8');
    const rows = rowsOf(csv);
    const ids = rows.map(([id]) => id);
    expect(ids).toHaveLength(expectedStudents(classDir));
    expect(new Set(ids.map((id) => id.normalize('NFKC').toLowerCase())).size).toBe(ids.length);
    const files = readdirSync(out).filter((file) => file.endsWith('.json'));
    expect(files.sort()).toEqual(ids.map((id) => `${id}.json`).sort());
    for (const [id, , score] of rows) {
      const result = JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8'));
      expect(result.submission).toBe(id);
      expect(validateAgainst('result', result)).toEqual([]);
      expect(score, id).toBeLessThanOrEqual(honest.plain);
      expect(id).not.toMatch(/[\u0000-\u001f\u007f-\u009f/\\]/);
    }
    const byId = new Map(rows.map(([id, status]) => [id, status]));
    // The file and the folder named alike, the spellings a case-insensitive file system merges, each its own row.
    for (const id of ['clash-same', 'clash-same.ts', 'CLASH-CASE', 'Clash-Case~2', 'clash-case.ts', 'Jos', 'Jos%E9', 'esc%1B[31m%1B]0;owned%07%0D']) expect(byId.get(id), id).toBe('graded');
    expect(byId.get('link-to-another-student')).toBe('compile-error');
    expect(byId.get('imports-a-neighbour')).toBe('compile-error');
    expectNothingLeaked(everything(run, join(out, 'grades.csv'), ...files.map((file) => join(out, file))));
  }, 900_000);
});

describe('the budget of a grading', () => {
  it('ends a grading that overruns it timed-out, saying so, and the batch grades everyone', async () => {
    const small = join(work, 'budget-class');
    for (const name of ['first', 'second']) {
      mkdirSync(join(small, name), { recursive: true });
      writeFileSync(join(small, name, 'driver.ts'), ctx.honestStarter);
    }
    const out = join(work, 'budget-out');
    // A budget of 0.2 s in all: no grading gets through compiling, type-checking and exploring in it.
    const run = await spinlab(['batch', 'e2e-count', small, '--graders', COURSE_GRADERS, '--out', out, '--jobs', '2', '--timeout', '0.1'], { env: { SPINLAB_HOST_ALLOWANCE: '0.1' }, timeout: 300_000 });
    expect(run.exitCode).toBe(0);
    expect(rowsOf(readFileSync(join(out, 'grades.csv'), 'utf8')).map(([id, status, score]) => [id, status, score])).toEqual([
      ['first', 'timed-out', 0],
      ['second', 'timed-out', 0],
    ]);
    const message = JSON.parse(readFileSync(join(out, 'first.json'), 'utf8')).message as string;
    expect(message).toMatch(/budget of 0\.2 s \(0\.1 s for the exploration \+ 0\.1 s for compiling, type-checking and reporting\)|left the exploration/);
  }, 300_000);
});

describe('a failure of spinlab on one submission', () => {
  it('is that submission’s grader-error result, written, without the grader’s paths (exit 2)', async () => {
    const out = join(work, 'grader-error.json');
    // No temporary folder to stage in: spinlab's own failure, on this submission.
    const run = await spinlab(gradeArgs('test/fixtures/submissions/buggy', out, false, 20), { env: { TMPDIR: join(tmpdir(), 'spinlab-no-such-folder') } });
    expect(run.exitCode).toBe(2);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateAgainst('result', result)).toEqual([]);
    expect(result).toMatchObject({ status: 'grader-error', score: 0 });
    expect(result.message).toMatch(/^spinlab failed on this submission \(please report it\): .*<tmp>\/spinlab-XXXXXX/);
    expectNothingLeaked(everything(run, out));
  }, 120_000);
});

describe('--resume, --shard and merge', () => {
  it('go by the student id: shards merge into the whole, and a resumed batch keeps every student', async () => {
    const small = join(work, 'clash-class');
    mkdirSync(join(small, 'alice'), { recursive: true });
    writeFileSync(join(small, 'alice', 'driver.ts'), ctx.honestStarter);
    for (const file of ['alice.ts', 'Alice.ts', 'bob.ts']) writeFileSync(join(small, file), ctx.honestStarter);
    const batch = (out: string, ...extra: string[]) =>
      spinlab(['batch', 'e2e-count', small, '--graders', COURSE_GRADERS, '--out', join(work, out), '--schedules', '2', '--no-typecheck', '--jobs', '2', ...extra], { timeout: 300_000 });
    const [whole, one, two] = await Promise.all([batch('whole'), batch('shard1', '--shard', '1/2'), batch('shard2', '--shard', '2/2')]);
    for (const run of [whole, one, two]) expect(run!.exitCode).toBe(0);
    const csv = readFileSync(join(work, 'whole', 'grades.csv'), 'utf8');
    // alice/, alice.ts and Alice.ts clash: the files keep .ts, and the later of the two that still clash takes ~2.
    expect(rowsOf(csv).map(([id]) => id)).toEqual(['Alice.ts', 'alice', 'alice.ts~2', 'bob']);
    const merged = await spinlab(['merge', join(work, 'shard1'), join(work, 'shard2')]);
    expect(merged.exitCode).toBe(0);
    expect(`${merged.stdout}\n`).toBe(csv);
    // The same shard twice is the same students, not twice as many.
    const twice = await spinlab(['merge', join(work, 'shard1'), join(work, 'shard1'), join(work, 'shard2')]);
    expect(`${twice.stdout}\n`).toBe(csv);
    rmSync(join(work, 'whole', 'bob.json'));
    const resumed = await batch('whole', '--resume');
    expect(resumed.stderr).toContain('resuming: 3 submission(s) already graded');
    expect(readFileSync(join(work, 'whole', 'grades.csv'), 'utf8')).toBe(csv);
  }, 600_000);
});
