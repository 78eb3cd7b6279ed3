/**
 * The class report through the built CLI: a small batch writes report.html
 * and items.csv (and writes them again after --resume), items.csv agrees with
 * the result files, the closing summary names the items most lost, the page
 * reads in headless Chromium at 1280×800 (no sideways scroll, the histogram
 * and the item table shown, no console error, nothing fetched), and `spinlab
 * diff` finds the one result edited in a copy of the batch.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/rubric/result.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from '../helpers/chromium.js';
import { COURSE_GRADERS, spinlab, type CliRun } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-class-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const out = join(work, 'results');
const batch = (...extra: string[]) => spinlab(['batch', 'e2e-count', 'test/fixtures/class', '--graders', COURSE_GRADERS, '--no-typecheck', '--out', out, '--jobs', '2', ...extra]);

let run: CliRun;
let browserMissing: string | null = null;

/** The batch's result files, by student id. */
function results(dir: string): Map<string, GradeResult> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return new Map(files.map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(dir, f), 'utf8')) as GradeResult]));
}

/** items.csv as records of its columns (no cell of this rubric holds a comma or a quote). */
function itemsCsv(dir: string): Array<Record<string, string>> {
  const [header, ...rows] = readFileSync(join(dir, 'items.csv'), 'utf8').trim().split('\n');
  const columns = header!.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [columns[i]!, cell])));
}

beforeAll(async () => {
  [run, browserMissing] = await Promise.all([batch(), ensureChromium()]);
  expect(run.exitCode, run.stderr).toBe(0);
}, 600_000);

describe('spinlab batch: items.csv and report.html', () => {
  it('writes items.csv whose figures are those of the result files', () => {
    const graded = [...results(out).values()];
    expect(graded).toHaveLength(6);
    const rows = itemsCsv(out);
    expect(rows.map((r) => r.item)).toEqual(graded[0]!.items.map((i) => i.id));
    for (const row of rows) {
      const held = graded.map((r) => ({ status: r.status, item: r.items.find((i) => i.id === row.item)! }));
      const lost = held.filter((h) => h.item.points < h.item.maxPoints).length;
      expect(row, row.item).toMatchObject({
        students: '6',
        lost: String(lost),
        lostPercent: String(Math.round((1000 * lost) / 6) / 10),
        graded: String(held.filter((h) => h.status === 'graded').length),
        gradedLost: String(held.filter((h) => h.status === 'graded' && h.item.points < h.item.maxPoints).length),
        maxPoints: String(held[0]!.item.maxPoints),
      });
    }
    // The class has a buggy driver and two that did not compile: some item is lost by someone, none by more than all.
    expect(rows.some((r) => Number(r.lost) > 0)).toBe(true);
  });

  it('names the three items most lost in the closing summary, and where the report is', () => {
    const top = itemsCsv(out)
      .filter((r) => Number(r.lost) > 0)
      .sort((a, b) => Number(b.lost) - Number(a.lost))
      .slice(0, 3);
    const line = run.stderr.split('\n').find((l) => l.startsWith('most lost: '));
    expect(line).toBe(`most lost: ${top.map((r) => `${r.item} ${r.lostPercent}% (${r.lost} of 6)`).join(', ')}`);
    expect(run.stderr).toContain(`class report: ${join(out, 'report.html')}`);
  });

  it('lists in report.html every submission not graded, with its status and message', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const ungraded = [...results(out).values()].filter((r) => r.status !== 'graded');
    expect(ungraded.map((r) => r.submission).sort()).toEqual(['compile-error', 'empty-folder']);
    expect(html.match(/<tr data-status="compile-error">/g)).toHaveLength(2);
    for (const r of ungraded) expect(html).toContain(`<td><code>${r.submission}</code></td><td class="status">${r.status}</td>`);
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|https?:\/\//i);
  });

  it('writes them again from the kept results after --resume', async () => {
    const before = { csv: readFileSync(join(out, 'items.csv'), 'utf8'), html: readFileSync(join(out, 'report.html'), 'utf8') };
    rmSync(join(out, 'items.csv'));
    rmSync(join(out, 'report.html'));
    const again = await batch('--resume');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming: 6 submission(s) already graded');
    expect(readFileSync(join(out, 'items.csv'), 'utf8')).toBe(before.csv);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(before.html);
  });
});

describe('report.html in headless Chromium', () => {
  it('fits 1280×800 without scrolling sideways, shows the histogram and the item table, fetches nothing, logs no error', async () => {
    // The page is checked in its real consumer or the test fails: a missing browser is no pass.
    expect(browserMissing, 'headless Chromium (Debian\'s package)').toBeNull();
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const url = pathToFileURL(join(out, 'report.html')).href;
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(url, { waitUntil: 'load' });
      const widths = await page.evaluate<{ scroll: number; client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await expect(page.locator('.histogram').isVisible()).resolves.toBe(true);
      const bars = page.locator('.histogram .bar');
      expect(await bars.count()).toBe(results(out).get('correct')!.maxScore + 1);
      // The bars' counts add up to the class, and the tallest bar is drawn tall.
      const counts = await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
      expect(counts.reduce((s, n) => s + n, 0)).toBe(6);
      const tallest = await page.locator('.histogram .fill').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().height)));
      expect(tallest).toBeGreaterThan(100);
      await expect(page.locator('table.items').isVisible()).resolves.toBe(true);
      expect(await page.locator('table.items tbody tr').count()).toBe(itemsCsv(out).length);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('spinlab diff', () => {
  let edited = '';
  beforeAll(() => {
    edited = join(work, 'edited');
    cpSync(out, edited, { recursive: true });
    // A regrade that gives `buggy` full points on count-exact, and a student only in the new folder.
    const buggy = JSON.parse(readFileSync(join(edited, 'buggy.json'), 'utf8')) as GradeResult;
    const items = buggy.items.map((i) => (i.id === 'count-exact' ? { ...i, points: i.maxPoints, passed: true } : i));
    const exact = buggy.items.find((i) => i.id === 'count-exact')!;
    writeFileSync(join(edited, 'buggy.json'), JSON.stringify({ ...buggy, items, score: buggy.score + exact.maxPoints - exact.points }));
    const correct = JSON.parse(readFileSync(join(edited, 'correct.json'), 'utf8')) as GradeResult;
    writeFileSync(join(edited, 'late.json'), JSON.stringify({ ...correct, submission: 'late' }));
  });

  it('names the one student and item that changed, the newcomer, and the means (--json)', async () => {
    const diff = await spinlab(['diff', out, edited, '--json']);
    expect(diff.exitCode, diff.stderr).toBe(0);
    const data = JSON.parse(diff.stdout);
    const buggy = results(out).get('buggy')!;
    const exact = buggy.items.find((i) => i.id === 'count-exact')!;
    const gain = exact.maxPoints - exact.points;
    expect(gain).toBeGreaterThan(0);
    expect(data.changed).toEqual([{ submission: 'buggy', before: { status: 'graded', score: buggy.score, maxScore: buggy.maxScore }, after: { status: 'graded', score: buggy.score + gain, maxScore: buggy.maxScore }, delta: gain, items: [{ id: 'count-exact', before: exact.points, after: exact.maxPoints }] }]);
    expect(data).toMatchObject({ compared: 6, gained: 1, lost: 0, onlyBefore: [], onlyAfter: ['late'], invalid: [] });
    const mean = [...results(out).values()].reduce((s, r) => s + r.score, 0) / 6;
    expect(data.meanBefore).toBeCloseTo(mean, 2);
    expect(data.meanAfter).toBeCloseTo(mean + gain / 6, 2);
  });

  it('says nothing changed between a batch and itself, as text, exit 0', async () => {
    const same = await spinlab(['diff', out, out]);
    expect(same.exitCode, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^6 student\(s\) in both: 0 changed/m);
    expect(same.stdout).not.toMatch(/^students:/m);
  });

  it('names a result file that is not valid instead of taking its student for absent, and refuses two exercises or a folder of no results (exit 2)', async () => {
    const damaged = join(work, 'damaged');
    cpSync(out, damaged, { recursive: true });
    writeFileSync(join(damaged, 'correct.json'), '{ "half": ');
    const diff = await spinlab(['diff', out, damaged, '--json']);
    expect(diff.exitCode).toBe(0);
    expect(diff.stderr).toContain(`${join(damaged, 'correct.json')} left out: not JSON`);
    expect(JSON.parse(diff.stdout).invalid.map((i: { file: string }) => i.file)).toEqual([join(damaged, 'correct.json')]);
    const other = join(work, 'other-exercise');
    cpSync(out, other, { recursive: true });
    const correct = JSON.parse(readFileSync(join(other, 'correct.json'), 'utf8')) as GradeResult;
    writeFileSync(join(other, 'correct.json'), JSON.stringify({ ...correct, exercise: '02-executive-lock' }));
    const mixed = await spinlab(['diff', out, other]);
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toContain('results of different exercises (e2e-count, 02-executive-lock)');
    const none = await spinlab(['diff', out, join(work)]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('holds no result files');
  });
});
