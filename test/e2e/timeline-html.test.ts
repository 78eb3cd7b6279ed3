/**
 * The timeline page through the built CLI, and in a real browser: the
 * command docs/students.md documents for exercise 01's starter, and a
 * variant that takes the lock for one field (lock spans, DISPATCH_LEVEL
 * bands), opened in headless Chromium (Debian's package, installed here
 * when missing: a few minutes once) — lanes, marks, the race's line joining
 * its two accesses, no console error, a screenshot.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../helpers/chromium.js';
import { ROOT, spinlab } from '../helpers/cli.js';
import { pageBrowser } from '../helpers/page-browser.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-timeline-html-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The page-writing command docs/students.md gives for exercise 01's starter, as arguments, with its folder. */
function documentedCommand(): { args: string[]; dir: string } {
  const docs = readFileSync(join(ROOT, 'docs/students.md'), 'utf8');
  const line = docs.split('\n').find((l) => /^npx spinlab grade 01-initialize-lock \S+ --html \S+$/.test(l.trim()));
  if (line === undefined) throw new Error('docs/students.md has no `npx spinlab grade 01-initialize-lock … --html DIR` line');
  const args = line.trim().split(/\s+/).slice(2);
  return { args, dir: args[args.indexOf('--html') + 1]! };
}

/** The starter with ext.Count under the lock and ext.Words still racing. */
const HALF_LOCKED = readFileSync(join(ROOT, 'exercises/01-initialize-lock/driver.ts'), 'utf8')
  .replace(/ext\.Words = 0;/, 'ext.Words = 0;\n  ext.Lock = new KSPIN_LOCK();\n  await KeInitializeSpinLock(ext.Lock);')
  .replace(/ext\.Count = ext\.Count \+ 1;/, 'const oldIrql = await KeAcquireSpinLock(ext.Lock);\n  ext.Count = ext.Count + 1;\n  await KeReleaseSpinLock(ext.Lock, oldIrql);');

/** How many times a timeline page shows KeAcquireSpinLock(ext.Lock) called. */
const acquisitions = (html: string): number => html.match(/>KeAcquireSpinLock <span class="arg">ext\.Lock<\/span>/g)?.length ?? 0;

let starterPage = '';
let lockedPage = '';
let browserMissing: string | null = null;

beforeAll(async () => {
  const documented = documentedCommand();
  const pages = join(work, 'pages');
  const args = documented.args.map((a) => (a === documented.dir ? pages : a));
  const [starter, browser] = await Promise.all([spinlab([...args, '--no-typecheck']), ensureChromium()]);
  browserMissing = browser;
  expect(starter.exitCode, starter.stderr).toBe(1);
  expect(starter.stderr).toContain(join(pages, 'count-under-lock.html'));
  starterPage = join(pages, 'count-under-lock.html');

  mkdirSync(join(work, 'half-locked'));
  writeFileSync(join(work, 'half-locked/driver.ts'), HALF_LOCKED);
  const locked = await spinlab(['grade', '01-initialize-lock', join(work, 'half-locked'), '--html', join(work, 'locked-pages'), '--no-typecheck']);
  expect(locked.exitCode, locked.stderr).toBe(1);
  lockedPage = join(work, 'locked-pages/no-data-races.html');
}, 600_000);

describe('spinlab grade --html (the page, as written)', () => {
  it('writes one self-contained page per failing item of the starter, with the lanes, the marks and the race line', () => {
    // The starter's unlocked increment races and, preempted between its read and its write, loses updates.
    expect(readdirSync(join(work, 'pages')).sort()).toEqual(['count-exact.html', 'count-under-lock.html', 'no-data-races.html']);
    expect(readFileSync(join(work, 'pages', 'count-exact.html'), 'utf8')).toContain('may switch after');
    const html = readFileSync(starterPage, 'utf8');
    expect(html.match(/<section class="lane" data-cpu="\d+"/g)).toHaveLength(4);
    expect(html).toMatch(/class="event read mark" data-finding="1"/);
    expect(html).toMatch(/class="event write mark" data-finding="1" data-mark="1&apos;"/);
    expect(html).toMatch(/<line class="race" data-finding="1" /);
    expect(html).toMatch(/class="irql-band irql-passive" data-irql="0"/);
    expect(html).toContain('ext.Count = ext.Count + 1;');
    // Self-contained: nothing to fetch, no script.
    expect(html).not.toMatch(/<script|<link|\bsrc=|https?:\/\//i);
  });

  it('draws a lock span for each lock held and a DISPATCH_LEVEL band while it is', () => {
    const html = readFileSync(lockedPage, 'utf8');
    // One span per acquisition: as many as the writes this schedule drew (at least 2 writers × 2 writes).
    expect(acquisitions(html)).toBeGreaterThanOrEqual(4);
    expect(html.match(/class="lock-span" data-lock="ext\.Lock"/g)?.length).toBe(acquisitions(html));
    expect(html).toMatch(/class="irql-band irql-dispatch" data-irql="2"/);
    expect(html).toMatch(/<line class="race" data-finding="\d+" /);
  });
});

describe('spinlab replay --html', () => {
  it('writes the same page for a finding’s schedule and still prints the text timeline, within 100 columns', async () => {
    const check = JSON.parse((await spinlab(['check', '01-initialize-lock', 'exercises/01-initialize-lock/driver.ts', '--json', '--no-typecheck'])).stdout);
    const finding = check.items.find((i: { id: string }) => i.id === 'count-under-lock').findings[0];
    const file = join(work, 'replay/race.html');
    const run = await spinlab(['replay', '01-initialize-lock', 'exercises/01-initialize-lock/driver.ts', '--schedule', finding.schedule, '--html', file]);
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(100);
    expect(lines.filter((l) => /◀ data-race \d$/.test(l)).length).toBeGreaterThanOrEqual(1);
    expect(run.stdout).toContain(`wrote the timeline page to ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html.match(/<section class="lane" data-cpu="\d+"/g)).toHaveLength(4);
    expect(html).toMatch(/<line class="race" data-finding="\d+" /);
    expect(html).toContain(`--schedule ${finding.schedule}`);
    expect(readdirSync(join(work, 'replay'))).toEqual(['race.html']);
  });
});

describe('the page in headless Chromium', () => {
  const browser = pageBrowser(work);
  afterAll(() => browser.close());
  const open = (file: string) => browser.open(file);

  it("shows the starter's four lanes, the race's two accesses joined by its line, and the source line", async () => {
    // The page is checked in its real consumer or the test fails: a missing browser is no pass.
    expect(browserMissing, 'headless Chromium (Debian\'s package)').toBeNull();
    const { page, errors } = await open(starterPage);
    expect(await page.locator('section.lane').count()).toBe(4);
    expect(await page.locator('.mark[data-finding]').count()).toBeGreaterThanOrEqual(2);
    // The race line's ends sit on the badges of finding 1's two steps, in two different lanes.
    const geometry = await page.evaluate<{ line: number[]; ends: { x: number; y: number; cpu: string; related: boolean }[] }>(`(() => {
      const line = document.querySelector('line.race[data-finding="1"]');
      const svg = line.closest('svg').getBoundingClientRect();
      const at = (name, size) => { const v = line.getAttribute(name); return v.endsWith('%') ? (Number(v.slice(0, -1)) / 100) * size : Number(v); };
      const ends = [...document.querySelectorAll('.mark a.badge')].filter((b) => b.getAttribute('href') === '#finding-1').map((b) => {
        const r = b.getBoundingClientRect();
        return { x: r.left + r.width / 2 - svg.left, y: r.top + r.height / 2 - svg.top, cpu: b.closest('section.lane').getAttribute('data-cpu'), related: b.classList.contains('related') };
      }).sort((a, b) => Number(a.related) - Number(b.related));
      return { line: [at('x1', svg.width), at('y1', svg.height), at('x2', svg.width), at('y2', svg.height)], ends };
    })()`);
    expect(geometry.ends).toHaveLength(2);
    const [own, other] = geometry.ends as [(typeof geometry.ends)[number], (typeof geometry.ends)[number]];
    expect([own.related, other.related]).toEqual([false, true]);
    expect(own.cpu).not.toBe(other.cpu);
    // The line runs left to right, whichever side is its own.
    const [first, second] = own.x <= other.x ? [own, other] : [other, own];
    expect(geometry.line[0]).toBeCloseTo(first.x, 0);
    expect(geometry.line[1]).toBeCloseTo(first.y, 0);
    expect(geometry.line[2]).toBeCloseTo(second.x, 0);
    expect(geometry.line[3]).toBeCloseTo(second.y, 0);
    // An IRQL band on every lane whose CPU ran something (the workload draws how many do).
    expect(await page.locator('.irql-band').count()).toBeGreaterThanOrEqual(Math.max(2, await page.locator('section.lane:has(.event)').count()));
    await expect(page.locator('.src.marked code').first().textContent()).resolves.toBe('ext.Count = ext.Count + 1;');
    // No two steps of a lane overlap.
    const overlaps = await page.evaluate<number>(`(() => {
      let count = 0;
      for (const lane of document.querySelectorAll('section.lane')) {
        const boxes = [...lane.querySelectorAll('.event .text')].map((e) => e.getBoundingClientRect());
        for (let i = 1; i < boxes.length; i++) if (boxes[i].top < boxes[i - 1].bottom - 0.5) count++;
      }
      return count;
    })()`);
    expect(overlaps).toBe(0);
    const png = join(work, 'count-under-lock.png');
    await page.screenshot({ path: png, fullPage: true });
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
  });

  it('shows the lock spans and the DISPATCH_LEVEL bands of a driver that takes the lock', async () => {
    // The page is checked in its real consumer or the test fails: a missing browser is no pass.
    expect(browserMissing, 'headless Chromium (Debian\'s package)').toBeNull();
    const { page, errors } = await open(lockedPage);
    const spans = await page.locator('.lock-span').count();
    expect(spans).toBe(acquisitions(readFileSync(lockedPage, 'utf8')));
    expect(spans).toBeGreaterThanOrEqual(4);
    const box = await page.locator('.lock-span').first().boundingBox();
    expect(box?.height).toBeGreaterThan(10);
    expect(await page.locator('.irql-band[data-irql="2"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('line.race').count()).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });
});
