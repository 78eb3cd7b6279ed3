#!/usr/bin/env node
/**
 * `npm run screenshots [-- DIR]`: the timeline pages of exercises 01 and 06
 * as `spinlab check --html` writes them, photographed in headless Chromium
 * (Debian's /usr/bin/chromium, as the page tests use) at 1280×800 — the
 * first screen (`NAME.png`) and the whole page (`NAME-full.png`) — into DIR
 * (default: screenshots/, ignored by git). Each exercise's starter, and one
 * known bug: 01 never releasing its lock, 06 writing an ISR-shared field
 * outside KeSynchronizeExecution. Run `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const out = resolve(process.argv[2] ?? join(ROOT, 'screenshots'));

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
/** The drivers photographed: name, exercise, source. */
const DRIVERS = [
  ['01-starter', '01-initialize-lock', read('exercises/01-initialize-lock/driver.ts')],
  ['01-never-released', '01-initialize-lock', read('graders/01-initialize-lock/solution.ts').replace(/\n\s*await KeReleaseSpinLock\(ext\.Lock, oldIrql\);/, '').replace(/\n\s*KeReleaseSpinLock,/, '')],
  ['06-starter', '06-interrupt-lock', read('exercises/06-interrupt-lock/driver.ts')],
  ['06-write-outside-synchronize', '06-interrupt-lock', read('graders/06-interrupt-lock/solution.ts').replace('await KeSynchronizeExecution(ext.Interrupt, SubmitRequests, { ext, words });', 'ext.Outstanding += words;')],
];

if (!existsSync(CHROMIUM)) {
  console.error(`screenshots: no ${CHROMIUM} (Debian's chromium package: apt-get install chromium)`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'spinlab-screenshots-'));
const context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 } });
try {
  for (const [name, exercise, source] of DRIVERS) {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'driver.ts'), source);
    const page = join(dir, `${name}.html`);
    // check exits 1 when an item fails, which is what these pages are for.
    try {
      execFileSync(process.execPath, [join(ROOT, 'bin/spinlab.js'), 'check', exercise, join(dir, 'driver.ts'), '--no-typecheck', '--html', page], { stdio: 'ignore' });
    } catch (error) {
      if (error.status !== 1) throw error;
    }
    if (!existsSync(page)) throw new Error(`spinlab check --html wrote no page for ${name}`);
    const tab = await context.newPage();
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    await tab.screenshot({ path: join(out, `${name}.png`) });
    await tab.screenshot({ path: join(out, `${name}-full.png`), fullPage: true });
    await tab.close();
    console.log(`${join(out, `${name}.png`)} and ${name}-full.png`);
  }
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}
