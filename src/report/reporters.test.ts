import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/helpers/result.js';
import { renderClassroom } from './classroom.js';
import { parseCsv, renderCsv, rowOf } from './csv.js';
import { renderGithub, renderGithubSummary } from './github.js';
import { renderGradescope } from './gradescope.js';
import { renderJunit } from './junit.js';
import { renderText } from './text.js';

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
    const xml = renderJunit([sampleResult(), sampleResult({ submission: 'bob & <eve>' })]);
    expect(xml).not.toMatch(/\u001b|\u0007/);
    expect(xml).toContain('name="No race on &lt;Count&gt; &amp; &quot;friends&quot;"'.replace('name="', 'name="race: '));
    expect(xml).toContain('<testsuites name="spinlab" tests="6" failures="4" errors="0">');
    expect(xml).toContain('message="happens-before race at dir, with: comma.ts:25:3"');
    expect(wellFormed(xml)).toBe(true);
  });
});

describe('github', () => {
  it('escapes annotation properties and data as GitHub requires, and only for visible items', () => {
    const out = renderGithub(sampleResult());
    expect(out).toContain('::error file=dir%2C with%3A comma.ts,line=25,col=3,title=No race on <Count> & "friends" (data-race)::happens-before race: ext.Count: 100%25 racy,%0Aline two red \u0007bell');
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
    expect(report).toMatchObject({ version: 1, status: 'fail', max_score: 6 });
    expect(report.tests.map((t: { name: string }) => t.name)).toEqual(['Initialized first', 'No race on <Count> & "friends"']);
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
