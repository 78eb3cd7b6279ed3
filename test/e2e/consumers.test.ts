/**
 * Each report format against its real consumer: JUnit against Jenkins'
 * junit-10.xsd (libxml2), Classroom through the autograding reporter's own
 * arithmetic, and a result always written — Gradescope, Classroom, JUnit
 * and GitHub never see an empty one, whatever the student handed in.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { classroomReporter, decodeRunner } from '../helpers/classroom-reporter.js';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

const XSD = readFileSync(join(ROOT, 'test/fixtures/consumers/jenkins-junit-10.xsd'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'spinlab-consumers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const course = (format: string, submission: string, ...extra: string[]) => spinlab(['grade', 'e2e-count', submission, '--graders', COURSE_GRADERS, '--format', format, '--schedules', '4', ...extra]);

async function junitValid(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

/** The counts a JUnit document claims, and the elements it has. */
function junitCounts(xml: string) {
  const suites = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)"/.exec(xml)!;
  return {
    claimed: { tests: Number(suites[1]), failures: Number(suites[2]), errors: Number(suites[3]) },
    found: { tests: (xml.match(/<testcase /g) ?? []).length, failures: (xml.match(/<failure /g) ?? []).length, errors: (xml.match(/<error /g) ?? []).length },
  };
}

describe('JUnit as action-junit-report and GitLab read it (--format junit)', () => {
  it('puts each failure at its file and line from the repository root, leaves hidden items out unless asked, and its times add up', async () => {
    const submission = 'test/fixtures/submissions/buggy';
    const [junit, json, hidden] = await Promise.all([course('junit', submission), course('json', submission), course('junit', submission, '--hidden')]);
    const result = JSON.parse(json.stdout) as { items: Array<{ id: string; passed: boolean; visibility: string; findings: Array<{ location: { file: string; line: number } | null }> }> };
    const failed = result.items.filter((item) => !item.passed && item.visibility !== 'hidden' && item.findings[0]?.location != null);
    expect(failed.length).toBeGreaterThan(0);
    for (const item of failed) {
      const { file, line } = item.findings.find((f) => f.location !== null)!.location!;
      expect(junit.stdout).toMatch(new RegExp(`<testcase [^>]*name="${item.id}:[^"]*"[^>]*file="${submission}/${file}" line="${line}">`));
    }
    // Without file and line it is the Jenkins document: the same XSD holds.
    await junitValid(junit.stdout.replace(/ file="[^"]*" line="\d+"/g, ''));
    const hiddenIds = result.items.filter((item) => item.visibility === 'hidden').map((item) => item.id);
    expect(hiddenIds.length).toBeGreaterThan(0);
    for (const id of hiddenIds) {
      expect(junit.stdout).not.toContain(`name="${id}:`);
      expect(hidden.stdout).toContain(`name="${id}:`);
    }
    const suite = Number(/<testsuite [^>]*time="([\d.]+)"/.exec(junit.stdout)![1]);
    const cases = [...junit.stdout.matchAll(/<testcase [^>]*time="([\d.]+)"/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(cases).toBeLessThanOrEqual(suite + 0.01);
  });
});

describe('JUnit, against Jenkins\' junit-10.xsd (--format junit-jenkins)', () => {
  it.each([
    ['correct', 'test/fixtures/submissions/correct', []],
    ['buggy', 'test/fixtures/submissions/buggy', []],
    ['compile error', 'test/fixtures/submissions/compile-error', []],
    ['timed out', 'test/fixtures/submissions/loop-in-routine', ['--timeout', '3', '--no-typecheck']],
    ['printing XML-breaking text', 'test/fixtures/submissions/prints-fake-results', ['--no-typecheck']],
    ['with lines that never ran', 'test/fixtures/submissions/untested-error-path', []],
    ['missing', 'test/fixtures/class/empty-folder', []],
  ])('%s: valid, its counts are its elements, <error> for what was never decided', async (_name, submission, extra) => {
    const run = await course('junit-jenkins', submission, ...(extra as string[]));
    await junitValid(run.stdout);
    const { claimed, found } = junitCounts(run.stdout);
    expect(claimed).toEqual(found);
    expect(run.stdout).toContain(`classname="e2e-count.${submission}"`);
    if (_name === 'timed out' || _name === 'compile error' || _name === 'missing') expect(found.errors).toBeGreaterThan(0);
    // The never-ran lines are the suite's <system-out>, valid where the XSD puts it.
    if (_name === 'with lines that never ran') expect(run.stdout).toMatch(/<system-out>[^<]*driver\.ts lines 31–35 \(DispatchWrite\)[^<]*<\/system-out>/);
    if (_name === 'correct') expect(run.stdout).not.toContain('<system-out>');
    if (_name === 'buggy') {
      expect(found.errors).toBe(0);
      // Real times: the explored items took the exploration's time.
      expect(run.stdout).toMatch(/name="no-race-on-count[^"]*" time="(?!0\.000)\d+\.\d{3}"/);
    }
  });

  it('carries the type errors in the type-check item\'s failure', async () => {
    const run = await course('junit-jenkins', 'test/fixtures/editor/type-errors');
    await junitValid(run.stdout);
    const typecheck = /<testcase [^>]*name="typechecks[^"]*"[^>]*>\s*<failure message="([^"]*)"[^>]*>([^<]*)<\/failure>/.exec(run.stdout);
    expect(typecheck?.[1]).toBe('tsc TS2322 at driver.ts:19:3');
    expect(typecheck?.[2]).toContain('driver.ts:28:37');
    expect(typecheck?.[2]).toContain('Did you mean &apos;Status&apos;?');
  });
});

describe('GitHub Classroom, through the reporter\'s arithmetic', () => {
  const exercises = ['01-initialize-lock', '02-executive-lock', '03-dpc-level', '04-queued-locks', '05-interlocked-list', '06-interrupt-lock', '07-lock-ordering', '08-capstone'];

  it.each(exercises)('%s: the reference solution gets full points, the starter what its visible items earn', async (id) => {
    const [solution, starter, staff] = await Promise.all([
      spinlab(['grade', id, `graders/${id}/solution.ts`, '--format', 'classroom', '--base64']),
      spinlab(['grade', id, `exercises/${id}`, '--format', 'classroom', '--base64']),
      spinlab(['grade', id, `exercises/${id}`, '--json']),
    ]);
    const full = classroomReporter([decodeRunner('spinlab', solution.stdout)]);
    expect(full.totalScore).toBe(full.maxScore);
    expect(full.maxScore).toBeGreaterThan(0);
    expect(full.table[0]!.score).toBe(full.maxScore);
    expect(full.failed).toBe(false);
    const partial = decodeRunner('spinlab', starter.stdout);
    const seen = classroomReporter([partial]);
    const result = JSON.parse(staff.stdout) as { items: Array<{ visibility: string; points: number; maxPoints: number }> };
    const visible = result.items.filter((i) => i.visibility === 'visible');
    expect(seen.points).toBe(`Points ${visible.reduce((n, i) => n + i.points, 0)}/${visible.reduce((n, i) => n + i.maxPoints, 0)}`);
    expect(seen.totalScore).toBeLessThan(seen.maxScore);
    expect(seen.failed).toBe(true);
    for (const test of [...partial.results.tests, ...decodeRunner('spinlab', solution.stdout).results.tests]) {
      expect(typeof test.filename).toBe('string');
      expect(typeof test.line_no).toBe('number');
      if (test.status !== 'pass') expect(test.message).not.toMatch(/^$|not decided$/);
    }
  });
});

describe('a submission that is not where it should be', () => {
  const submissions = join(work, 'submissions');
  const layouts: Record<string, (dir: string) => void> = {
    empty: () => undefined,
    renamed: (dir) => writeFileSync(join(dir, 'my_driver.ts'), readFileSync(join(ROOT, 'test/fixtures/submissions/correct/driver.ts'))),
    nested: (dir) => {
      mkdirSync(join(dir, 'repo'));
      writeFileSync(join(dir, 'repo', 'driver.ts'), readFileSync(join(ROOT, 'test/fixtures/submissions/correct/driver.ts')));
    },
    'nested twice': (dir) => {
      for (const name of ['a', 'b']) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, 'driver.ts'), 'export {};\n');
      }
    },
  };
  const dirFor = (layout: string) => {
    const dir = join(submissions, layout.replace(' ', '-'));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    layouts[layout]!(dir);
    return dir;
  };

  it('one folder down is found and graded', async () => {
    const run = await course('json', dirFor('nested'));
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ status: 'graded', entry: 'driver.ts' });
    expect(result.score).toBeGreaterThan(0);
  });

  it.each([
    ['empty', /expected driver\.ts in .*; the folder is empty/],
    ['renamed', /expected driver\.ts in .*; found my_driver\.ts: name your file driver\.ts/],
    ['nested twice', /found it in 2 folders \(a\/driver\.ts, b\/driver\.ts\)/],
  ])('%s: every format writes a zero-score result that says what was expected and what was found', async (layout, message) => {
    const dir = dirFor(layout);
    const out = join(work, `${layout.replace(' ', '-')}.json`);
    const [json, gradescope, classroom, junit, github, written] = await Promise.all([
      course('json', dir),
      course('gradescope', dir),
      course('classroom', dir),
      course('junit', dir),
      course('github', dir),
      course('gradescope', dir, '--out', out),
    ]);
    for (const run of [json, gradescope, classroom, junit, github, written]) {
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe('');
    }
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ status: 'compile-error', score: 0 });
    expect(result.message).toMatch(message);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.score).toBe(0);
    expect(results.tests.length).toBe(result.items.length);
    expect(results.output).toMatch(message);
    for (const test of results.tests) expect(test.output).toMatch(message);
    const reported = classroomReporter([{ runner: 'spinlab', results: JSON.parse(classroom.stdout) }]);
    expect(reported.totalScore).toBe(0);
    expect(reported.maxScore).toBeGreaterThan(0);
    expect(JSON.parse(classroom.stdout).tests[0].message).toMatch(message);
    await junitValid(junit.stdout);
    expect(junit.stdout).toMatch(/<error /);
    expect(github.stdout).toMatch(/^::error /m);
  });
});
