/** One headless Chromium per test file for spinlab's HTML pages, at the 1280×800 a student's laptop shows. */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';

/** A browser started on first use, in a profile under `work`: `open` a page file, `close` at the end. */
export function pageBrowser(work: string): { open(file: string): Promise<{ page: Page; errors: string[] }>; close(): Promise<void> } {
  let context: BrowserContext | undefined;
  return {
    /** Opens `file`, collecting console errors and page errors. */
    async open(file) {
      context ??= await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      return { page, errors };
    },
    async close() {
      await context?.close();
    },
  };
}
