import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvProblems, githubProblems, jsonProblems, junitProblems, terminalProblems } from '../../test/helpers/inert.js';
import { HOSTILE, hostileResult, sampleResult } from '../../test/helpers/result.js';
import { submissionDirInRepository } from '../cli/format.js';
import type { GradeResult, ResultItem } from '../rubric/result.js';
import { capResult } from '../rubric/result-limits.js';
import { renderClassroom } from './classroom.js';
import { forExcel, parseCsv, renderCsv, rowOf } from './csv.js';
import { MAX_ERROR_ANNOTATIONS, renderGithub, renderGithubSummary } from './github.js';
import { renderGradescope } from './gradescope.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderText } from './text.js';
import { studentView } from './items.js';

/** Tags nest and close properly, and no raw `<` or `&` is left in text. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const match of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|<|&(?!amp;|lt;|gt;|quot;|apos;)/g)) {
    if (match[2] === undefined) return false;
    if (match[1] === '/') {
      if (stack.pop() !== match[2]) return false;
    } else if (match[4] !== '/') stack.push(match[2]);
  }
  return stack.length === 0;
}

describe('junit', () => {
  it('is well-formed XML without ANSI codes or invalid characters', () => {
    const xml = renderJunit([sampleResult(), sampleResult({ submission: 'bob & <eve>' })], { hidden: true });
    expect(xml).not.toMatch(/\u001b|\u0007/);
    expect(xml).toContain('name="No race on &lt;Count&gt; &amp; &quot;friends&quot;"'.replace('name="', 'name="race: '));
    expect(xml).toMatch(/<testsuites name="spinlab" tests="6" failures="4" errors="0" time="\d+\.\d{3}">/);
    // Left out unless asked for: CI shows JUnit to students.
    expect(renderJunit([sampleResult()])).toMatch(/<testsuites name="spinlab" tests="2" failures="1" errors="0"/);
    expect(renderJunit([sampleResult()])).not.toContain('Hidden check');
    // A failure's testcase says where, as action-junit-report reads it; the Jenkins flavor does not.
    expect(renderJunit([sampleResult()], { submissionDir: 'students/alice' })).toContain('file="students/alice/dir, with: comma.ts" line="25"');
    expect(renderJunit([sampleResult()], { flavor: 'jenkins' })).not.toMatch(/ file="| line="/);
    expect(xml).toContain('message="happens-before race at dir, with: comma.ts:25:3"');
    expect(wellFormed(xml)).toBe(true);
  });
});

describe('github', () => {
  it('escapes annotation properties and data as GitHub requires, and only for visible items', () => {
    const out = renderGithub(sampleResult());
    expect(out).toContain('::error file=dir%2C with%3A comma.ts,line=25,col=3,title=No race on <Count> & "friends" (data-race)::happens-before race: ext.Count: 100%25 racy,%0Aline two \\x1b[31mred\\x1b[0m \\x07bell');
    expect(out).not.toContain('Hidden check');
  });

  it('wraps what the driver printed in stop-commands with a random token', () => {
    const lines = renderGithub(sampleResult()).split('\n');
    const start = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    const token = lines[start]!.slice('::stop-commands::'.length);
    expect(lines.indexOf('::error::forged')).toBeGreaterThan(start);
    expect(lines.indexOf(`::${token}::`)).toBeGreaterThan(lines.indexOf('::error::forged'));
    expect(renderGithub(sampleResult()).split('\n').find((l) => l.startsWith('::stop-commands::'))).not.toBe(`::stop-commands::${token}`);
  });

  it('summarizes visible items as a markdown table, escaping the titles', () => {
    expect(renderGithubSummary([sampleResult()])).toContain('| ❌ | No race on \\<Count\\> & "friends" | 0/2 |');
  });
});

/** A result with `diagnostics` compile errors and `lost` lost visible items (each with a finding in driver.ts at line 100 + its index). */
function resultWithProblems(diagnostics: number, lost: number): GradeResult {
  const base = sampleResult();
  const race = base.items[1]!;
  const items: ResultItem[] = Array.from({ length: lost }, (_, i) => ({
    ...race,
    id: `lost-${i}`,
    title: `Lost ${i}`,
    findings: [{ ...race.findings[0]!, location: { file: 'driver.ts', line: 100 + i, column: 1 } }],
  }));
  return sampleResult({
    items: [...items, base.items[2]!],
    diagnostics: Array.from({ length: diagnostics }, (_, i) => ({ kind: 'compile' as const, file: 'driver.ts', line: i + 1, column: 2, message: `error ${i}` })),
  });
}

/** spinlab's own workflow-command lines of one kind (`error`, `warning`, `notice`): those before the driver's output. */
function commandLines(out: string, kind: string): string[] {
  const lines = out.split('\n');
  const stop = lines.findIndex((line) => line.startsWith('::stop-commands::'));
  return lines.slice(0, stop === -1 ? lines.length : stop).filter((line) => line.startsWith(`::${kind} `) || line.startsWith(`::${kind}::`));
}

describe('github annotation limit', () => {
  it(`prints at most ${MAX_ERROR_ANNOTATIONS} errors, diagnostics first, then one warning with how many more (4 diagnostics + 10 lost items)`, () => {
    const out = renderGithub(resultWithProblems(4, 10));
    const errors = commandLines(out, 'error');
    expect(MAX_ERROR_ANNOTATIONS).toBe(10);
    expect(errors).toHaveLength(10);
    expect(errors.map((line) => /title=([^:]*)::/.exec(line)![1])).toEqual([...Array(4).fill('does not compile'), ...[0, 1, 2, 3, 4, 5].map((i) => `Lost ${i} (data-race)`)]);
    const warnings = commandLines(out, 'warning');
    expect(warnings).toHaveLength(1);
    expect(/^::warning title=spinlab%3A (\d+) more problems::/.exec(warnings[0]!)?.[1]).toBe('4');
    const lines = out.split('\n');
    expect(lines.indexOf(warnings[0]!)).toBe(lines.indexOf(errors[9]!) + 1);
    expect(commandLines(out, 'notice')).toHaveLength(1);
  });

  it('prints every problem and no warning when there are 10 or fewer', () => {
    for (const [diagnostics, lost] of [[0, 10], [3, 7], [1, 0]] as const) {
      const out = renderGithub(resultWithProblems(diagnostics, lost));
      expect(commandLines(out, 'error')).toHaveLength(diagnostics + lost);
      expect(commandLines(out, 'warning')).toEqual([]);
    }
  });

  it('says 1 more problem for 11', () => {
    expect(/spinlab%3A (\d+) more problem::/.exec(commandLines(renderGithub(resultWithProblems(0, 11)), 'warning')[0]!)?.[1]).toBe('1');
  });

  it('lists in the job summary exactly the problems that were not annotated, from the repository root', () => {
    const summary = renderGithubSummary([resultWithProblems(4, 10)], { submissionDir: 'exercises/01-initialize-lock' });
    const listed = summary.split('\n').filter((line) => line.startsWith('- '));
    expect(listed.map((line) => /^- (\S+) /.exec(line)![1])).toEqual([106, 107, 108, 109].map((line) => `exercises/01-initialize-lock/driver.ts:${line}:1`));
    expect(renderGithubSummary([resultWithProblems(0, 10)]).split('\n').filter((line) => line.startsWith('- '))).toEqual([]);
  });
});

describe('github annotation paths', () => {
  it('names files from the repository root when the submission folder is a subfolder, with /', () => {
    const out = renderGithub(resultWithProblems(1, 1), { submissionDir: 'exercises/01-initialize-lock' });
    expect(commandLines(out, 'error').map((line) => /^::error file=([^,]*),/.exec(line)?.[1])).toEqual(['exercises/01-initialize-lock/driver.ts', 'exercises/01-initialize-lock/driver.ts']);
    expect(commandLines(renderGithub(resultWithProblems(1, 1)), 'error').map((line) => /^::error file=([^,]*),/.exec(line)?.[1])).toEqual(['driver.ts', 'driver.ts']);
  });

  const work = mkdtempSync(join(tmpdir(), 'spinlab-github-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const repo = join(work, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'exercises/01-initialize-lock'), { recursive: true });
  writeFileSync(join(repo, 'exercises/01-initialize-lock/driver.ts'), '');
  mkdirSync(join(work, 'no-git/sub'), { recursive: true });

  it('finds the submission folder from the git top-level, given as a folder or a file, relative or absolute', () => {
    expect(submissionDirInRepository('exercises/01-initialize-lock', {}, repo)).toBe('exercises/01-initialize-lock');
    expect(submissionDirInRepository('01-initialize-lock/driver.ts', {}, join(repo, 'exercises'))).toBe('exercises/01-initialize-lock');
    expect(submissionDirInRepository(join(repo, 'exercises/01-initialize-lock'), {}, work)).toBe('exercises/01-initialize-lock');
    expect(submissionDirInRepository('.', {}, repo)).toBe('');
  });

  it('prefers $GITHUB_WORKSPACE, and falls back to the current folder without a .git', () => {
    expect(submissionDirInRepository('exercises/01-initialize-lock', { GITHUB_WORKSPACE: join(repo, 'exercises') }, repo)).toBe('01-initialize-lock');
    expect(submissionDirInRepository('exercises/01-initialize-lock', { GITHUB_WORKSPACE: '' }, repo)).toBe('exercises/01-initialize-lock');
    expect(submissionDirInRepository('sub', {}, join(work, 'no-git'))).toBe('sub');
  });

  it('keeps paths as in the result for a submission outside the repository root', () => {
    expect(submissionDirInRepository(join(work, 'no-git/sub'), { GITHUB_WORKSPACE: repo }, repo)).toBe('');
  });
});

describe('gradescope', () => {
  it('has Gradescope’s fields, one test per item with its visibility', () => {
    const report = JSON.parse(renderGradescope(sampleResult()));
    expect(report).toMatchObject({ score: 3, execution_time: 1, visibility: 'visible' });
    expect(report.tests).toHaveLength(3);
    expect(report.tests[1]).toMatchObject({ name: 'No race on <Count> & "friends"', number: '2', score: 0, max_score: 2, status: 'failed', visibility: 'visible' });
    expect(report.tests[1].output).not.toMatch(/\u001b/);
    expect(report.tests[2].visibility).toBe('hidden');
  });
});

describe('classroom', () => {
  it('reports version 1 with visible tests only', () => {
    const report = JSON.parse(renderClassroom(sampleResult()));
    // max_score is the sum of the tests emitted (the reporter adds tests' scores against it): the hidden item is out of both.
    expect(report).toMatchObject({ version: 1, status: 'fail', max_score: 5 });
    expect(report.max_score).toBe(report.tests.reduce((n: number, t: { max_score: number }) => n + t.max_score, 0));
    expect(report.tests.map((t: { name: string }) => t.name)).toEqual(['Initialized first', 'No race on <Count> & "friends"']);
    for (const test of report.tests) expect(test).toHaveProperty('filename');
  });
});

describe('csv', () => {
  it('sorts by submission, quotes what needs it and neutralizes formulas', () => {
    const csv = renderCsv([rowOf(sampleResult({ submission: 'zed' })), rowOf(sampleResult({ submission: '=HYPERLINK("x")' })), rowOf(sampleResult({ submission: 'a,b' }))], ['init', 'race', 'secret']);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('submission,status,score,maxScore,init,race,secret');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",graded,3,6,3,0,0`);
    expect(lines[2]).toBe('"a,b",graded,3,6,3,0,0');
    expect(lines[3]).toBe('zed,graded,3,6,3,0,0');
    expect(parseCsv(csv).rows.map((r) => r.submission)).toEqual([`'=HYPERLINK("x")`, 'a,b', 'zed']);
  });

  it('for Excel: a UTF-8 byte order mark and CRLF, read back the same', () => {
    const csv = renderCsv([rowOf(sampleResult({ submission: 'josé' }))], ['init']);
    const excel = forExcel(csv);
    expect(Buffer.from(excel, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(excel.slice(1)).toBe(csv.replaceAll('\n', '\r\n'));
    expect(parseCsv(excel)).toEqual(parseCsv(csv));
  });
});

describe('text', () => {
  it('hides hidden items from students and shows them to staff', () => {
    const student = renderText(sampleResult(), { color: false, audience: 'student' });
    const staff = renderText(sampleResult(), { color: false, audience: 'staff' });
    expect(student).not.toContain('Hidden check');
    expect(student).toContain('Score 3/5');
    expect(staff).toContain('Hidden check');
    expect(staff).toContain('Score 3/6');
  });

  it('shows the finding’s rule, source line with a caret and replay command, without color codes unless asked', () => {
    const text = renderText(sampleResult(), { color: false, audience: 'student' });
    expect(text).toContain('dir, with: comma.ts:25:3');
    expect(text).toContain('25 |   ext.Count = ext.Count + 1;');
    expect(text).toContain('replay: spinlab replay e2e-count alice --schedule AbC');
    expect(text).not.toMatch(/\u001b\[3[12]m(?!.*Score)/);
    expect(renderText(sampleResult(), { color: true, audience: 'student' })).toMatch(/\u001b\[/);
  });
});

describe('every format, on a result with hostile text in every string a student controls', () => {
  const results = [
    ['graded', hostileResult()],
    ['crashed', hostileResult({ status: 'crashed', message: 'the sandbox stopped' })],
    ['compile error', hostileResult({ status: 'compile-error', message: 'does not compile' })],
  ] as const;

  it.each(results)('%s: the text report, plain and in color, for staff and students, is inert', (_name, result) => {
    for (const audience of ['staff', 'student'] as const) {
      expect(terminalProblems(renderText(result, { color: false, audience, verbose: true }), 'text')).toEqual([]);
      expect(terminalProblems(renderText(result, { color: true, audience }), 'text (color)', true)).toEqual([]);
    }
  });

  it.each(results)('%s: JSON, Gradescope and Classroom parse, their bytes inert; Gradescope shows text, Classroom prints safe log lines', (_name, result) => {
    expect(jsonProblems(renderJson(result), 'json')).toEqual([]);
    expect(jsonProblems(renderGradescope(result), 'gradescope', { displayed: true })).toEqual([]);
    expect(jsonProblems(renderClassroom(result), 'classroom', { logged: true })).toEqual([]);
    expect(Buffer.from(renderClassroom(result, true).trim(), 'base64').toString('utf8')).toBe(renderClassroom(result).trim());
    const gradescope = JSON.parse(renderGradescope(result));
    expect(gradescope).toMatchObject({ output_format: 'text', test_output_format: 'text', test_name_format: 'text' });
    for (const test of gradescope.tests) expect(test).toMatchObject({ output_format: 'text', name_format: 'text' });
  });

  it.each(results)('%s: the JSON result reads back as the very same data (within the result’s caps)', (_name, result) => {
    expect(JSON.parse(renderJson(result))).toEqual(JSON.parse(JSON.stringify(capResult(result))));
  });

  it.each(results)('%s: JUnit is valid against junit-10.xsd and inert', async (_name, result) => {
    expect(await junitProblems(renderJunit([result, sampleResult()]))).toEqual([]);
  });

  it.each(results)('%s: GitHub output has spinlab’s commands only, the driver’s output fenced, and a safe summary', (_name, result) => {
    expect(githubProblems(renderGithub(result))).toEqual([]);
    expect(terminalProblems(renderGithubSummary([result]), 'summary')).toEqual([]);
  });

  it('grades.csv is inert and has no formula, whatever the submission is called', () => {
    const names = [HOSTILE, '\t=1+1', '\r=1+1', '-2', '+3', '@x', '=x'];
    const csv = renderCsv(names.map((submission) => rowOf(hostileResult({ submission }))), ['init', 'race', 'secret']);
    expect(csvProblems(csv)).toEqual([]);
    expect(parseCsv(csv).rows).toHaveLength(names.length);
  });
});

describe('an item lost to an unmet requirement', () => {
  // `init` passed on its own but requires `race`, which failed; `hidden-need` requires a hidden item.
  const base = sampleResult();
  const init = base.items.find((item) => item.id === 'init')!;
  const hidden = base.items.find((item) => item.visibility !== 'visible')!;
  const result: GradeResult = {
    ...base,
    items: [
      { ...init, points: 0, passed: false, requires: ['race'], unmet: ['race'], passedOwn: true },
      ...base.items.filter((item) => item.id !== 'init'),
      { ...init, id: 'hidden-need', title: 'Needs the hidden one', points: 0, passed: false, requires: [hidden.id], unmet: [hidden.id], passedOwn: true },
    ],
  };
  const reason = 'not counted: it counts only when `race` passes, and `race` did not';

  it('says which requirement it waits for, in every report format', () => {
    expect(renderText(result, { color: false, audience: 'staff' })).toContain(reason);
    expect(renderJunit([result])).toContain(reason);
    expect(JSON.stringify(JSON.parse(renderGradescope(result)))).toContain(reason);
    expect(renderGithub(result)).toContain(`title=Initialized first (uninitialized-lock)::${reason}`);
    expect(JSON.stringify(JSON.parse(renderClassroom(result, false)))).toContain(reason);
  });

  it('never names a hidden item to a student', () => {
    const view = studentView(result);
    const item = view.items.find((i) => i.id === 'hidden-need')!;
    expect(item).toMatchObject({ requires: ['(a hidden item)'], unmet: ['(a hidden item)'] });
    expect(renderText(view, { color: false, audience: 'student' })).toContain('not counted: it counts only when (a hidden item) passes, and (a hidden item) did not');
    expect(JSON.stringify(view)).not.toContain(`"${hidden.id}"`);
  });
});
