/**
 * The timeline page draws what the text timeline says, in headless Chromium:
 * one lock span per holding (06's interrupt lock: one per ISR and per
 * SynchCritSection routine, not one bar across them), the held-at-return
 * mark on the return's row, a lock never released held to the end, a
 * deadlocked CPU spinning to the end, nothing clipped at 1280×800 with four
 * CPUs; and `spinlab check --html` writing the first failing item's page.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../helpers/chromium.js';
import { ROOT, spinlab } from '../helpers/cli.js';
import { pageBrowser } from '../helpers/page-browser.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-timeline-match-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
/** 01's solution that never releases its lock: held at return, then its next acquire spins forever (a self-deadlock). */
const NEVER_RELEASED = read('graders/01-initialize-lock/solution.ts').replace(/\n\s*await KeReleaseSpinLock\(ext\.Lock, oldIrql\);/, '').replace(/\n\s*KeReleaseSpinLock,/, '');
/** 06's solution with one write outside KeSynchronizeExecution: the ISR, the SynchCritSection routines and the DPC all still take the interrupt lock. */
const WRITE_OUTSIDE = read('graders/06-interrupt-lock/solution.ts').replace('await KeSynchronizeExecution(ext.Interrupt, SubmitRequests, { ext, words });', 'ext.Outstanding += words;');

interface Entry {
  seq: number;
  cpu: number;
  context: string;
  routine: string;
  type: string;
  what: string;
  target?: string;
  locks: string[];
}
interface Replayed {
  entries: Entry[];
  findings: { check: string }[];
  page: string;
}

/** Writes `source` as a driver, finds its first failing schedule, and replays it as JSON and as a page. */
async function replayed(name: string, exercise: string, source: string): Promise<Replayed> {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'driver.ts'), source);
  const check = JSON.parse((await spinlab(['check', exercise, join(dir, 'driver.ts'), '--json', '--no-typecheck'])).stdout);
  const schedule = check.items.flatMap((i: { findings: { schedule: string | null }[] }) => i.findings).find((f: { schedule: string | null }) => f.schedule !== null).schedule;
  const page = join(work, `${name}.html`);
  const run = await spinlab(['replay', exercise, dir, '--schedule', schedule, '--json', '--html', page]);
  expect(run.exitCode, run.stderr).toBe(0);
  const json = JSON.parse(run.stdout);
  return { entries: json.timeline, findings: json.findings, page };
}

/**
 * The holdings the timeline's events show, counted from the events alone: each
 * KeAcquire* of a lock paired with its context's next KeRelease* of it, and
 * each routine entered holding a lock its caller did not (an ISR, a
 * SynchCritSection routine) paired with its return. `from-to` by event number.
 */
function holdingsOf(entries: readonly Entry[], lock: string): string[] {
  const pairs: string[] = [];
  const acquired = new Map<string, number>();
  const entered: { context: string; routine: string; seq: number }[] = [];
  const previous = new Map<string, Entry>();
  for (const e of entries) {
    const before = previous.get(e.context);
    if (e.type === 'call' && /^KeAcquire/.test(e.what) && e.target === lock) acquired.set(e.context, e.seq);
    if (e.type === 'call' && /^KeRelease/.test(e.what) && e.target === lock && acquired.has(e.context)) {
      pairs.push(`${acquired.get(e.context)}-${e.seq}`);
      acquired.delete(e.context);
    }
    if (e.type === 'enter' && e.locks.includes(lock) && (before === undefined || before.type === 'return' || !before.locks.includes(lock))) {
      entered.push({ context: e.context, routine: e.routine, seq: before?.what === 'KeSynchronizeExecution' ? before.seq : e.seq });
    }
    const open = entered.findIndex((x) => x.context === e.context && x.routine === e.routine);
    if (e.type === 'return' && open >= 0) pairs.push(`${entered[open]!.seq}-${e.seq}`);
    if (e.type === 'return' && open >= 0) entered.splice(open, 1);
    previous.set(e.context, e);
  }
  return pairs.sort();
}

/** The spans the page draws for `lock`, as `from-to`. */
const spansOf = (html: string, lock: string): string[] =>
  [...html.matchAll(new RegExp(`class="lock-span[^"]*" data-lock="${lock.replace('.', '\\.')}" data-context="[^"]*" data-from="(\\d+)" data-to="(\\w+)"`, 'g'))].map((m) => `${m[1]}-${m[2]}`).sort();

let six: Replayed;
let one: Replayed;
let browserMissing: string | null = null;
const browser = pageBrowser(work);
afterAll(() => browser.close());

beforeAll(async () => {
  [six, one, browserMissing] = await Promise.all([replayed('06', '06-interrupt-lock', WRITE_OUTSIDE), replayed('01', '01-initialize-lock', NEVER_RELEASED), ensureChromium()]);
}, 600_000);

/** Opens `file` at 1280×800 in headless Chromium, collecting console errors. */
async function open(file: string) {
  // The page is checked in its real consumer or the test fails: a missing browser is no pass.
  expect(browserMissing, "headless Chromium (Debian's package)").toBeNull();
  return browser.open(file);
}

describe('the page in headless Chromium matches the text timeline', () => {
  it("draws one span per holding of 06's interrupt lock and DPC lock: each ISR, each SynchCritSection routine, each acquire/release", async () => {
    const html = readFileSync(six.page, 'utf8');
    for (const lock of ['ext.IsrLock', 'ext.DpcLock']) {
      const holdings = holdingsOf(six.entries, lock);
      expect(holdings.length, lock).toBeGreaterThanOrEqual(2);
      expect(spansOf(html, lock), lock).toEqual(holdings);
    }
    const { page, errors } = await open(six.page);
    expect(await page.locator('.lock-span[data-lock="ext.IsrLock"]').count()).toBe(holdingsOf(six.entries, 'ext.IsrLock').length);
    // No interrupt-lock bar crosses a row where its lane's CPU runs without it.
    const crossing = await page.evaluate<number>(`(() => {
      let count = 0;
      for (const lane of document.querySelectorAll('section.lane')) {
        const spans = [...lane.querySelectorAll('.lock-span[data-lock="ext.IsrLock"]')].map((s) => s.getBoundingClientRect());
        for (const e of lane.querySelectorAll('.event')) {
          if (e.title.includes('ext.IsrLock')) continue;
          const r = e.getBoundingClientRect();
          if (spans.some((s) => s.top < r.top + 2 && s.bottom > r.bottom - 2)) count++;
        }
      }
      return count;
    })()`);
    expect(crossing).toBe(0);
    expect(errors).toEqual([]);
  });

  it('puts the held-at-return mark on the return row, holds the never-released lock to the end, and draws the deadlocked CPU spinning to the end', async () => {
    const held = one.findings.findIndex((f) => f.check === 'held-at-return') + 1;
    expect(held).toBeGreaterThan(0);
    const { page, errors } = await open(one.page);
    await expect(page.locator(`.event.mark[data-mark~="${held}"]`).getAttribute('class')).resolves.toBe('event return mark');
    await expect(page.locator('.src.marked', { hasText: 'return STATUS_SUCCESS;' }).count()).resolves.toBe(1);
    const geometry = await page.evaluate<{ board: number; held: number[]; spins: number[]; lastAcquire: number }>(`(() => {
      const board = document.querySelector('.board').getBoundingClientRect().bottom;
      const bottoms = (selector) => [...document.querySelectorAll(selector)].map((s) => board - s.getBoundingClientRect().bottom);
      const acquires = [...document.querySelectorAll('.event.call')].filter((e) => e.textContent.startsWith('KeAcquireSpinLock'));
      const last = acquires.at(-1).getBoundingClientRect().top;
      const spin = document.querySelector('.lock-span.spin');
      return { board, held: bottoms('.lock-span:not(.spin)[data-to="end"]'), spins: bottoms('.lock-span.spin[data-to="end"]'), lastAcquire: spin ? Math.abs(spin.getBoundingClientRect().top - last) : -1 };
    })()`);
    expect(geometry.held).toHaveLength(1);
    expect(geometry.held[0]).toBeLessThanOrEqual(3);
    expect(geometry.spins).toHaveLength(1);
    expect(geometry.spins[0]).toBeLessThanOrEqual(3);
    expect(geometry.lastAcquire).toBeGreaterThanOrEqual(0);
    expect(geometry.lastAcquire).toBeLessThanOrEqual(3);
    expect(errors).toEqual([]);
  });

  it('stays silent where nothing spins: no spin drawn for a driver whose every acquire gets its lock', () => {
    expect(readFileSync(six.page, 'utf8')).not.toContain('lock-span spin');
  });

  it('clips nothing at 1280×800 with four CPUs: no horizontal scroll, the source column whole, every finding card in view when scrolled to', async () => {
    const { page, errors } = await open(one.page);
    expect(await page.locator('section.lane').count()).toBe(4);
    const widths = await page.evaluate<{ page: number[]; source: number[]; sourceRight: number }>(`(() => {
      const source = document.querySelector('.source');
      return { page: [document.documentElement.scrollWidth, document.documentElement.clientWidth], source: [source.scrollWidth, source.clientWidth], sourceRight: source.getBoundingClientRect().right };
    })()`);
    expect(widths.page[0]).toBeLessThanOrEqual(widths.page[1]!);
    expect(widths.source[0]).toBeLessThanOrEqual(widths.source[1]!);
    expect(widths.sourceRight).toBeLessThanOrEqual(1280);
    const cards = page.locator('article.finding');
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < (await cards.count()); i++) {
      await cards.nth(i).scrollIntoViewIfNeeded();
      const box = (await cards.nth(i).boundingBox())!;
      expect(box.x, `card ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `card ${i + 1}`).toBeLessThanOrEqual(1280);
      await expect(cards.nth(i).isVisible()).resolves.toBe(true);
    }
    expect(errors).toEqual([]);
  });
});

describe('spinlab check --html', () => {
  it('writes the first failing item’s page, names it relative to the current folder, and exits as plain check does', async () => {
    const dir = join(work, 'student');
    mkdirSync(dir);
    writeFileSync(join(dir, 'driver.ts'), NEVER_RELEASED);
    const plain = await spinlab(['check', '01-initialize-lock', 'driver.ts', '--no-typecheck'], { cwd: dir });
    const run = await spinlab(['check', '01-initialize-lock', 'driver.ts', '--no-typecheck', '--html'], { cwd: dir });
    expect(run.exitCode).toBe(plain.exitCode);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe(plain.stdout);
    expect(run.stderr).toMatch(/^spinlab: wrote the timeline page of [\w-]+ to spinlab-timeline\.html$/m);
    const html = readFileSync(join(dir, 'spinlab-timeline.html'), 'utf8');
    expect(html).toMatch(/<section class="lane" data-cpu="3"/);
    const named = await spinlab(['check', '01-initialize-lock', 'driver.ts', '--no-typecheck', '--html', 'pages/it.html'], { cwd: dir });
    expect(named.exitCode).toBe(1);
    expect(named.stderr).toMatch(new RegExp(`to ${join('pages', 'it.html').replace('.', '\\.')}$`, 'm'));
    expect(existsSync(join(dir, 'pages/it.html'))).toBe(true);
  }, 120_000);

  it('writes no page when no failing item has a schedule, and says so', async () => {
    const dir = join(work, 'solved');
    mkdirSync(dir);
    writeFileSync(join(dir, 'driver.ts'), read('graders/01-initialize-lock/solution.ts'));
    const run = await spinlab(['check', '01-initialize-lock', 'driver.ts', '--no-typecheck', '--html'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/no failing item has a schedule to replay \(compiles-cleanly\): no timeline page written/);
    expect(existsSync(join(dir, 'spinlab-timeline.html'))).toBe(false);
  }, 120_000);

  it('refuses an unwritable page path before grading (exit 2)', async () => {
    const run = await spinlab(['check', '01-initialize-lock', 'exercises/01-initialize-lock/driver.ts', '--no-typecheck', '--html', 'exercises'], {});
    expect(run.exitCode).toBe(2);
  });
});
