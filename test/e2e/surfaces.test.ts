/**
 * The grader-surface suite (issue #19): every attack in
 * test/e2e/surface-cases/*.ts (each file exports `CASES`, see
 * surface-case.ts) is built into one class folder, beside an `outside`
 * folder holding the canary, and graded through the built CLI against the
 * fixture course; then the whole class folder is graded by one `spinlab
 * batch`. For every case: the exit code (1, or 0 at full marks; 2 only for
 * a `grader-error` the case allows), a written result valid against the
 * schema, an allowed status, a score no higher than the honest starter's,
 * no canary and no outside or grader path in any output or file, every
 * report inert (a checker per format, test/helpers/inert.ts) and within
 * 1 MB. For the batch: every entry of the class folder exactly once in
 * grades.csv, with its own result file.
 *
 * How it stays honest and cheap on two cores: each case is graded once —
 * `spinlab grade … --format json --out FILE --html DIR`, which also replays
 * each failing item's schedule into its timeline page — and the other
 * formats (text on stdout, JUnit, Gradescope, GitHub, Classroom) are
 * rendered from that result file by `spinlab report`, which prints a result
 * through the very code `spinlab grade` prints it with (src/cli/staff-report.ts).
 * Grading is deterministic but for timings, so this is what six gradings
 * would print; the first test below checks it on a hostile case (every
 * format from `grade` equals the same format from `report`, but for times
 * and GitHub's random stop-commands token),
 * as test/e2e/commands.test.ts does on an ordinary one. At most two CLI
 * processes run at once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORT_BYTES } from '../../src/rubric/result-limits.js';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, ROOT, spinlab, comparable, type CliRun } from '../helpers/cli.js';
import { parseCsv } from '../../src/report/csv.js';
import { csvProblems, githubProblems, htmlProblems, jsonProblems, junitProblems, terminalProblems } from '../helpers/inert.js';
import { honestCeiling, honestStarterText, type SurfaceCase, type SurfaceContext, type SurfaceResult } from './surface-case.js';

const CASE_DIR = join(ROOT, 'test/e2e/surface-cases');
const SECRET = readFileSync(join(ROOT, 'test/fixtures/hostile/outside/secret.ts'), 'utf8');
const CANARY = /SPINLAB-CANARY-[0-9a-f]+/.exec(SECRET)![0];

/** Every case of every file in surface-cases/, with the file it came from. */
const CASES: ReadonlyArray<SurfaceCase & { readonly file: string }> = (
  await Promise.all(
    readdirSync(CASE_DIR)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map(async (name) => ((await import(pathToFileURL(join(CASE_DIR, name)).href)) as { CASES: readonly SurfaceCase[] }).CASES.map((c) => ({ ...c, file: name }))),
  )
).flat();

const work = mkdtempSync(join(tmpdir(), 'spinlab-surfaces-'));
const classDir = join(work, 'class');
const outsideDir = join(work, 'outside');
// A case builds folders past PATH_MAX, which Node's recursive rmSync cannot remove: rm -rf can.
afterAll(() => execFileSync('rm', ['-rf', work]));

/** What no output may ever contain: the canary, the outside folder's path, the grader's own install paths. */
const FORBIDDEN = [CANARY, outsideDir, join(ROOT, 'dist'), join(ROOT, 'src'), join(ROOT, 'node_modules')];

/** Runs tasks at most `n` at a time (a slot is handed straight to the next waiter). */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active < n) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === undefined) active--;
      else next();
    }
  };
}
const slot = limiter(2);
const cli = (args: readonly string[], timeout = 300_000): Promise<CliRun> => slot(() => spinlab(args, { timeout }));

const gradeArgs = (path: string, c: Pick<SurfaceCase, 'typecheck' | 'timeout'>): string[] => [
  'grade', 'e2e-count', path, '--graders', COURSE_GRADERS, '--schedules', '2', '--timeout', String(c.timeout ?? 20), ...(c.typecheck === true ? [] : ['--no-typecheck']),
];

/**
 * The honest starter's score with and without the type-check, plus the invariants it lost: its racy update
 * loses them by the schedules' luck (an update lost in these schedules, kept in others), and a case racing
 * in code the machine runs atomically (a synchronous helper) keeps them — neither is a surface earning points.
 */
const honest = { typecheck: 0, plain: 0 };

/** The path each case's build returned. */
const paths = new Map<string, string>();

beforeAll(async () => {
  mkdirSync(classDir, { recursive: true });
  mkdirSync(outsideDir, { recursive: true });
  writeFileSync(join(outsideDir, 'secret.ts'), SECRET);
  const ctx: SurfaceContext = { classDir, outsideDir, honestStarter: honestStarterText(), canary: CANARY };
  for (const c of CASES) paths.set(c.name, c.build(ctx));
  const starter = join(work, 'baseline', 'honest');
  mkdirSync(starter, { recursive: true });
  writeFileSync(join(starter, 'driver.ts'), honestStarterText());
  const [withTypes, plain] = await Promise.all([cli([...gradeArgs(starter, { typecheck: true }), '--json']), cli([...gradeArgs(starter, {}), '--json'])]);
  honest.typecheck = honestCeiling(JSON.parse(withTypes.stdout) as SurfaceResult);
  honest.plain = honestCeiling(JSON.parse(plain.stdout) as SurfaceResult);
  expect(honest.plain).toBeGreaterThan(0);
}, 600_000);

/**
 * What is wrong with one output whatever its format: forbidden text in it, or more than the size bound.
 * `quoted`: the outside folder's path is the student's own text in this case (an import of it, refused), so a
 * report quoting it back leaks nothing; the canary and the grader's paths stay forbidden.
 */
function leaks(what: string, text: string, quoted = false): string[] {
  const forbidden = quoted ? FORBIDDEN.filter((bad) => bad !== outsideDir) : FORBIDDEN;
  const problems = forbidden.filter((bad) => text.includes(bad)).map((bad) => `${what}: contains ${bad === CANARY ? 'the canary' : bad}`);
  if (Buffer.byteLength(text) > MAX_REPORT_BYTES) problems.push(`${what}: ${Buffer.byteLength(text)} bytes, above ${MAX_REPORT_BYTES}`);
  return problems;
}

/** Whether the student's own files at `path` (a folder or a file) spell out the outside folder's path. */
function quotesOutside(path: string): boolean {
  // Regular files only: a case may make the submission a FIFO, which a read would wait on forever.
  const stat = statSync(path);
  const files = stat.isDirectory() ? filesUnder(path, 4) : stat.isFile() ? [path] : [];
  return files.some((file) => {
    try {
      return readFileSync(file, 'utf8').includes(outsideDir);
    } catch {
      return false;
    }
  });
}

/** The files under `dir`, recursively. */
function filesUnder(dir: string, depth = Infinity): string[] {
  if (!existsSync(dir) || depth < 0) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    try {
      return statSync(path).isDirectory() ? filesUnder(path, depth - 1) : statSync(path).isFile() ? [path] : [];
    } catch {
      return [];
    }
  });
}

describe('the surface cases', () => {
  it('are at least 30, named uniquely, each building its own submission', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(new Set(paths.values()).size).toBe(CASES.length);
    for (const c of CASES) expect(existsSync(paths.get(c.name)!), c.name).toBe(true);
  });

  const first = CASES.find((c) => c.area === 'reports');
  it.runIf(first !== undefined)('every format from spinlab report is what spinlab grade prints (a hostile case, times and token aside)', async () => {
    // A generous time limit: on a loaded machine a run cut short would differ from the next for that reason alone.
    const c = { ...first!, timeout: 120 };
    const out = join(work, 'equivalence');
    mkdirSync(out, { recursive: true });
    const file = join(out, 'result.json');
    await cli([...gradeArgs(paths.get(c.name)!, c), '--format', 'json', '--out', file]);
    for (const format of ['text', 'json', 'junit', 'gradescope', 'github', 'classroom']) {
      const [graded, reported] = await Promise.all([cli([...gradeArgs(paths.get(c.name)!, c), '--format', format]), cli(['report', file, '--format', format])]);
      expect(comparable(reported.stdout), format).toBe(comparable(graded.stdout));
    }
  }, 900_000);
});

describe.concurrent('every surface case, in every format', () => {
  it.each(CASES.map((c) => [`${c.file.replace(/\.ts$/, '')}/${c.name}`, c] as const))('%s', async (_name, c) => {
    const out = join(work, 'out', c.name);
    mkdirSync(out, { recursive: true });
    const file = join(out, 'result.json');
    const graded = await cli([...gradeArgs(paths.get(c.name)!, c), '--format', 'json', '--out', file, '--html', join(out, 'html')]);
    expect(graded.stderr).not.toMatch(/internal error/);
    expect(existsSync(file), `no result written: ${graded.stderr}`).toBe(true);
    const json = readFileSync(file, 'utf8');
    const result = JSON.parse(json) as SurfaceResult;
    expect(validateAgainst('result', result)).toEqual([]);
    expect(c.status).toContain(result.status);
    const full = result.status === 'graded' && result.score >= result.maxScore;
    expect(graded.exitCode).toBe(result.status === 'grader-error' ? 2 : full ? 0 : 1);
    expect(result.score).toBeLessThanOrEqual(c.typecheck === true ? honest.typecheck : honest.plain);

    const reports = {
      text: await cli(['report', file]),
      junit: await cli(['report', file, '--format', 'junit', '--out', join(out, 'junit.xml')]),
      gradescope: await cli(['report', file, '--format', 'gradescope', '--out', join(out, 'gradescope.json')]),
      github: await cli(['report', file, '--format', 'github', '--out', join(out, 'github.txt')]),
      classroom: await cli(['report', file, '--format', 'classroom', '--out', join(out, 'classroom.json')]),
    };
    const quoted = quotesOutside(paths.get(c.name)!);
    const problems: string[] = [...terminalProblems(graded.stderr, 'grade stderr'), ...leaks('grade stdout', graded.stdout, quoted), ...leaks('grade stderr', graded.stderr, quoted)];
    for (const [format, run] of Object.entries(reports)) {
      expect(run.exitCode, `${format}: ${run.stderr}`).toBe(0);
      problems.push(...leaks(`${format} stdout`, run.stdout, quoted), ...terminalProblems(run.stderr, `${format} stderr`));
    }
    problems.push(...terminalProblems(reports.text.stdout, 'text'));
    problems.push(...jsonProblems(json, 'result.json'));
    problems.push(...(await junitProblems(readFileSync(join(out, 'junit.xml'), 'utf8'))));
    problems.push(...jsonProblems(readFileSync(join(out, 'gradescope.json'), 'utf8'), 'gradescope', { displayed: true }));
    problems.push(...githubProblems(readFileSync(join(out, 'github.txt'), 'utf8')));
    problems.push(...jsonProblems(readFileSync(join(out, 'classroom.json'), 'utf8'), 'classroom', { logged: true }));
    for (const page of filesUnder(join(out, 'html'))) problems.push(...htmlProblems(readFileSync(page, 'utf8'), page));
    for (const written of filesUnder(out)) problems.push(...leaks(written, readFileSync(written, 'utf8'), quoted));
    expect(problems).toEqual([]);
    c.verify?.(result);
  }, 900_000);
});

describe('the whole class, graded by spinlab batch', () => {
  it('has every entry exactly once in grades.csv, each with its own result, nothing leaked, everything inert', async () => {
    const out = join(work, 'batch');
    const timeout = Math.max(20, ...CASES.map((c) => c.timeout ?? 20));
    const run = await cli(['batch', 'e2e-count', classDir, '--graders', COURSE_GRADERS, '--out', out, '--jobs', '2', '--schedules', '2', '--timeout', String(timeout)], 1_800_000);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.exitCode, run.stderr).toBe(0);
    // The students, as docs/staff.md defines them, read independently of spinlab: every name (as bytes) that does not
    // start with a dot and is a folder (a link to one included) or is named *.ts, whatever it is.
    const studentEntries = readdirSync(classDir, { encoding: 'buffer' }).filter((name) => {
      if (name[0] === 0x2e) return false;
      if (name.subarray(-3).equals(Buffer.from('.ts'))) return true;
      try {
        return statSync(Buffer.concat([Buffer.from(`${classDir}/`), name])).isDirectory();
      } catch {
        return false;
      }
    });
    const entries = studentEntries.map((name) => ({ name: name.toString('utf8'), isDirectory: () => !name.subarray(-3).equals(Buffer.from('.ts')) }));
    const csv = readFileSync(join(out, 'grades.csv'), 'utf8');
    const problems = [...terminalProblems(run.stderr, 'batch stderr'), ...leaks('batch stderr', run.stderr), ...csvProblems(csv), ...leaks('grades.csv', csv)];
    // The class report names every student not graded, with its message: escaped like every page.
    problems.push(...htmlProblems(readFileSync(join(out, 'report.html'), 'utf8'), 'report.html'), ...csvProblems(readFileSync(join(out, 'items.csv'), 'utf8'), 'items.csv'));
    const rows = parseCsv(csv).rows;
    expect(rows).toHaveLength(entries.length);
    expect(new Set(rows.map((r) => r.submission)).size).toBe(rows.length);
    const results = readdirSync(out).filter((name) => name.endsWith('.json'));
    expect(results).toHaveLength(entries.length);
    // The students whose own text names the outside folder (a refused import of it): their results may quote it back.
    const quotedIds = new Set([...paths.values()].filter(quotesOutside).map((path) => basename(path).replace(/\.ts$/, '')));
    const named = new Set<string>();
    for (const name of results) {
      const text = readFileSync(join(out, name), 'utf8');
      const result = JSON.parse(text) as SurfaceResult & { submission: string };
      expect(validateAgainst('result', result), name).toEqual([]);
      expect(result.score, name).toBeLessThanOrEqual(honest.typecheck);
      named.add(result.submission);
      problems.push(...jsonProblems(text, name), ...leaks(name, text, quotedIds.has(result.submission)));
    }
    expect(named.size).toBe(entries.length);
    // A plain name, alone of its kind, is its own id (docs/staff.md, student ids).
    const stems = entries.map((d) => (d.isDirectory() ? d.name : d.name.replace(/\.ts$/, '')));
    const submissions = new Set(rows.map((r) => r.submission));
    for (const stem of stems) {
      const alone = stems.filter((s) => s.toLowerCase() === stem.toLowerCase()).length === 1;
      if (alone && /^[A-Za-z0-9][\w.-]*$/.test(stem)) expect(submissions.has(stem), JSON.stringify(stem)).toBe(true);
    }
    expect(problems).toEqual([]);
  }, 1_800_000);
});
