import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/checks/index.js';
import { COURSE_GRADERS, ROOT, spinlab, comparable } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-cmd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('spinlab --version and checks', () => {
  it('prints the version', async () => {
    const run = await spinlab(['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('lists every check id of the design with its error code and rule, as JSON', async () => {
    const run = await spinlab(['checks', '--json']);
    const rows = JSON.parse(run.stdout) as Array<{ id: string; code: string; rule: string; description: string }>;
    expect(rows.map((r) => r.id)).toEqual([...CHECK_IDS]);
    for (const row of rows) expect(row.rule.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.id === 'data-race')?.code).toBe('SL0015');
  });
});

describe('spinlab check', () => {
  it('shows a student only the visible items, and exits by them', async () => {
    const run = await spinlab(['check', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS, '--json']);
    // The JSON too: a hidden item is neither listed nor counted in the maximum (12 points, 1 hidden).
    const result = JSON.parse(run.stdout);
    expect(result.items.map((i: { id: string }) => i.id)).not.toContain('every-write-completed');
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.maxScore).toBe(11);
    expect(run.stdout).not.toContain('Every write is completed');
    const text = await spinlab(['check', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS]);
    expect(text.exitCode).toBe(1);
    expect(text.stdout).not.toContain('Every write is completed');
    expect(text.stdout).toContain('Count is never touched without the lock');
    expect(text.stdout).toContain('replay: npx spinlab replay e2e-count');
    // Each finding as a rustc-style diagnostic: its code, the place, the snippet's mark under the line, the rule, the edit.
    expect(text.stdout).toContain('error[SL0015]: data race on ext.Count');
    expect(text.stdout).toMatch(/^ +--> driver\.ts:25:\d+$/m);
    expect(text.stdout).toMatch(/^ +25 \|   ext\.Count = ext\.Count \+ 1;\n +\| +\^{9} (read|written) here/m);
    expect(text.stdout).toMatch(/= note: rule: happens-before race/);
    expect(text.stdout).toMatch(/= help: \S/);
    expect(text.stdout).toContain('For more: npx spinlab explain SL0015');
    expect(text.stdout).not.toMatch(/\u001b\[/);
  });

  it('finds the exercise and the file from the folder it runs in', async () => {
    const run = await spinlab(['check', '--graders', join(ROOT, COURSE_GRADERS)], { cwd: join(ROOT, 'test/fixtures/course/exercises/e2e-count') });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^e2e-count\s+driver\.ts/);
  });

  it('explains what to do outside an exercise folder (exit 2)', async () => {
    const run = await spinlab(['check'], { cwd: work });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('not an exercise');
  });
});

describe('spinlab github and classroom output', () => {
  it('writes a markdown summary to $GITHUB_STEP_SUMMARY and escapes annotations', async () => {
    const summary = join(work, 'summary.md');
    writeFileSync(summary, '');
    const run = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS, '--format', 'github', '--no-typecheck'], { env: { GITHUB_STEP_SUMMARY: summary } });
    // GitHub places an annotation by its path from the repository root.
    expect(run.stdout).toMatch(/^::error file=test\/fixtures\/submissions\/buggy\/driver\.ts,line=25,col=\d+,title=Count is never touched without the lock \(data-race\)::/m);
    expect(readFileSync(summary, 'utf8')).toContain('| ❌ | Count is never touched without the lock | 0/2 |');
  });

  it('prints the Classroom result plain or base64', async () => {
    const plain = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS, '--format', 'classroom', '--no-typecheck']);
    const report = JSON.parse(plain.stdout);
    // Only the visible items are tests, and max_score is their sum (12 points, 1 of them hidden).
    expect(report).toMatchObject({ version: 1, status: 'fail', max_score: 11 });
    expect(report.tests.every((t: { name: string; status: string; score: number; message: string }) => typeof t.name === 'string' && typeof t.message === 'string')).toBe(true);
    const encoded = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS, '--format', 'classroom', '--base64', '--no-typecheck']);
    expect(JSON.parse(Buffer.from(encoded.stdout.trim(), 'base64').toString('utf8'))).toEqual(report);
  });
});

describe('spinlab new and selftest', () => {
  it('scaffolds an exercise whose grader proves itself', async () => {
    const made = await spinlab(['new', 'scaffolded', '--dir', work]);
    expect(made.exitCode).toBe(0);
    // Its mutant is a patch against its solution.
    expect(readdirSync(join(work, 'graders/scaffolded/mutants'))).toEqual(['no-initialize.patch']);
    const selftest = await spinlab(['selftest', 'scaffolded', '--graders', join(work, 'graders'), '--quick', '--json']);
    expect(selftest.exitCode).toBe(0);
    expect(JSON.parse(selftest.stdout)[0]).toMatchObject({
      exercise: 'scaffolded',
      solutions: { passed: 2, total: 2 },
      mutants: { caught: 1, total: 1 },
      starterBelowFull: true,
      // The untouched starter: the type-check and count-exact (4 of 12, at most 40%); the do-nothing driver: the type-check alone.
      starter: { score: 1, maxScore: 12, allowed: 4.8 },
      nothing: { score: 1, maxScore: 12, allowed: 1 },
    });
    const again = await spinlab(['new', 'scaffolded', '--dir', work]);
    expect(again.exitCode).toBe(2);
  });

  it.each([
    ['solution.ts with CRLF endings, the patches with LF', false],
    ['solution.ts and the patches with CRLF endings', true],
  ])('proves a grader checked out on Windows (core.autocrlf=true), %s: every mutant patch still applies', async (_, patches) => {
    const id = patches ? 'crlf-patches' : 'crlf-solution';
    await spinlab(['new', id, '--dir', work]);
    const grader = join(work, 'graders', id);
    const toCrlf = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n'));
    const mutants = readdirSync(join(grader, 'mutants')).map((name) => `mutants/${name}`);
    for (const file of ['solution.ts', 'scenario.ts', ...(patches ? mutants : [])]) toCrlf(join(grader, file));
    expect(readFileSync(join(grader, 'solution.ts'), 'utf8')).toContain('\r\n');
    const selftest = await spinlab(['selftest', id, '--graders', join(work, 'graders'), '--quick', '--json']);
    const [report] = JSON.parse(selftest.stdout) as Array<{ mutants: unknown; checks: Array<{ ok: boolean; problem: string | null }> }>;
    expect(report!.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report!.mutants).toEqual({ caught: 1, total: 1 });
    expect(selftest.exitCode).toBe(0);
  });

  it('fails (exit 1) when exercise.json declares a routine or field the reference solution never runs or touches', async () => {
    await spinlab(['new', 'drifted', '--dir', work]);
    const manifest = join(work, 'exercises/drifted/exercise.json');
    const data = JSON.parse(readFileSync(manifest, 'utf8')) as { routines: string[]; fields: string[] };
    writeFileSync(manifest, JSON.stringify({ ...data, routines: [...data.routines, 'DispatchRead'], fields: [...data.fields, 'ext.Words'] }));
    const run = await spinlab(['selftest', 'drifted', '--graders', join(work, 'graders'), '--quick', '--json']);
    expect(run.exitCode).toBe(1);
    const [report] = JSON.parse(run.stdout) as Array<{ checks: Array<{ kind: string; ok: boolean; problem: string | null }> }>;
    expect(report!.checks.filter((check) => !check.ok)).toEqual([
      {
        kind: 'contract',
        file: manifest,
        seed: 1,
        ok: false,
        problem: 'exercise.json declares what the reference solution does not do: routine(s) `DispatchRead` never ran; field(s) `ext.Words` were never touched (in any schedule). Fix "routines"/"fields" in exercise.json, or the solution',
      },
    ]);
  });

  /** Scaffolds `id`, edits its rubric with `edit`, runs its selftest (one seed) and gives the misses. */
  async function scaffoldMisses(id: string, edit: (rubric: { starterMax?: number; items: Array<{ id: string; requires?: string[] }> }) => void, before?: () => void) {
    await spinlab(['new', id, '--dir', work]);
    const file = join(work, 'graders', id, 'rubric.json');
    const rubric = JSON.parse(readFileSync(file, 'utf8'));
    edit(rubric);
    writeFileSync(file, JSON.stringify(rubric));
    before?.();
    const run = await spinlab(['selftest', id, '--graders', join(work, 'graders'), '--quick', '--json']);
    const [report] = JSON.parse(run.stdout) as Array<{ checks: Array<{ kind: string; ok: boolean; problem: string | null }> }>;
    return { exitCode: run.exitCode, misses: report!.checks.filter((check) => !check.ok).map((check) => [check.kind, check.problem]) };
  }

  it('fails (exit 1) when the starter scores above the rubric’s starterMax, naming the items that pay for it', async () => {
    // The starter's unlocked increment loses updates, so only an item that requires nothing can pay for it: every-write-completed.
    const { exitCode, misses } = await scaffoldMisses('starter-max', (rubric) => {
      rubric.starterMax = 0.1;
      delete rubric.items.find((item) => item.id === 'every-write-completed')!.requires;
    });
    expect(exitCode).toBe(1);
    expect(misses).toEqual([
      ['starter', "the starter scores 2/12 (17%), above the rubric's starterMax 10% (1.2): every-write-completed (1) pay for the untouched starter; make them require the items its work needs"],
      ['nothing', 'the do-nothing driver scores 2/12: every-write-completed (1) pay for doing nothing; make them require the items that need the work done'],
    ]);
  });

  it('fails (exit 1) when a driver that does nothing earns more than the type-check (an item without `requires`)', async () => {
    const { exitCode, misses } = await scaffoldMisses('pays-for-nothing', (rubric) => delete rubric.items.find((item) => item.id === 'release-on-every-path')!.requires);
    expect(exitCode).toBe(1);
    expect(misses).toEqual([['nothing', 'the do-nothing driver scores 3/12: release-on-every-path (2) pay for doing nothing; make them require the items that need the work done']]);
  });

  it('fails (exit 1) when the grader has no do-nothing driver', async () => {
    const { exitCode, misses } = await scaffoldMisses('no-nothing', () => undefined, () => rmSync(join(work, 'graders/no-nothing/nothing.ts')));
    expect(exitCode).toBe(1);
    expect(misses).toEqual([['nothing', expect.stringMatching(/^no nothing\.ts: write the driver a student who does nothing submits/)]]);
  });

  it('holds a mutant to its own verdicts: an item lost only to an unmet requirement is not one its header must name', async () => {
    // every-write-completed now requires init-before-use, which the no-initialize mutant fails: it is lost too, yet the header stays `# fails: init-before-use`.
    const { exitCode, misses } = await scaffoldMisses('own-verdict', (rubric) => (rubric.items.find((item) => item.id === 'every-write-completed')!.requires = ['init-before-use']));
    expect(misses).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('fails (exit 1) and names the miss when a mutant’s header is wrong', async () => {
    await spinlab(['new', 'wrong-header', '--dir', work]);
    const mutant = join(work, 'graders/wrong-header/mutants/no-initialize.patch');
    writeFileSync(mutant, readFileSync(mutant, 'utf8').replace('# fails: init-before-use', '# fails: count-exact'));
    const run = await spinlab(['selftest', 'wrong-header', '--graders', join(work, 'graders'), '--quick']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('expected to fail [count-exact], failed [init-before-use]');
  });

  it('fails (exit 1) and names the mutant and its hunk when the solution changed under its patch', async () => {
    await spinlab(['new', 'stale-patch', '--dir', work]);
    const solution = join(work, 'graders/stale-patch/solution.ts');
    writeFileSync(solution, readFileSync(solution, 'utf8').replace('  ext.Count = 0;\n', '  ext.Count = 0; // starts at zero\n'));
    const run = await spinlab(['selftest', 'stale-patch', '--graders', join(work, 'graders'), '--quick', '--json']);
    expect(run.exitCode).toBe(1);
    const [report] = JSON.parse(run.stdout) as Array<{ mutants: { caught: number; total: number }; checks: Array<{ kind: string; file: string; ok: boolean; problem: string | null }> }>;
    expect(report!.mutants).toEqual({ caught: 0, total: 1 });
    const miss = report!.checks.find((check) => !check.ok);
    expect(miss).toMatchObject({ kind: 'mutant', file: join(work, 'graders/stale-patch/mutants/no-initialize.patch') });
    expect(miss!.problem).toBe('hunk 2 (`@@ -15,7 +15,6 @@`) does not apply to solution.ts: line 17 is "  ext.Count = 0; // starts at zero", the patch expects "  ext.Count = 0;"');
  });
});

describe('spinlab report', () => {
  const formats = ['text', 'json', 'junit', 'gradescope', 'github', 'classroom'];

  it('prints a written result in every format exactly as spinlab grade prints it', async () => {
    const submission = 'test/fixtures/submissions/buggy';
    const grade = (...extra: string[]) => spinlab(['grade', 'e2e-count', submission, '--graders', COURSE_GRADERS, '--schedules', '4', '--timeout', '120', '--no-typecheck', ...extra]);
    const file = join(work, 'buggy.json');
    expect((await grade('--format', 'json', '--out', file)).exitCode).toBe(1);
    for (const format of formats) {
      const [graded, reported] = await Promise.all([grade('--format', format), spinlab(['report', file, '--format', format])]);
      expect(reported.exitCode, format).toBe(0);
      expect(reported.stderr).toBe('');
      expect(comparable(reported.stdout), format).toBe(comparable(graded.stdout));
    }
    const out = join(work, 'buggy.b64');
    await spinlab(['report', file, '--format', 'classroom', '--base64', '--out', out]);
    const decoded = (base64: string): string => Buffer.from(base64.trim(), 'base64').toString('utf8');
    expect(decoded(readFileSync(out, 'utf8'))).toBe(decoded((await grade('--format', 'classroom', '--base64')).stdout));
  }, 300_000);

  it('refuses a file that is not a result, and one that does not exist (exit 2)', async () => {
    const bad = join(work, 'not-a-result.json');
    writeFileSync(bad, '{"score": 23}');
    const run = await spinlab(['report', bad]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error code: SPINLAB_RESULT_INVALID');
    expect(run.stdout).toBe('');
    const missing = await spinlab(['report', join(work, 'missing.json')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('error code: SPINLAB_USAGE');
  });
});
