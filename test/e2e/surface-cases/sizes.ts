/**
 * Sizes are bounded (issue #19): a driver that throws megabytes (an Error at
 * load, long messages and names in a routine, an object whose toString is
 * megabytes), prints megabytes, names a routine or a field with a megabyte,
 * stores a megabyte where an invariant quotes it, writes a megabyte source
 * line, races on thousands of fields or makes hundreds of type errors. The
 * runner checks every report is at most 1 MB; each case checks its text
 * reached the result, cut.
 */
import { expect } from 'vitest';
import { atDispatch, atIncrement, atLoad, submission } from '../../helpers/starter-edit.js';
import type { SurfaceCase, SurfaceResult } from '../surface-case.js';

/** Some text of the result was cut (`… [N more characters]`), so the megabytes reached it and were capped. */
const cut = (result: SurfaceResult): void => {
  expect(JSON.stringify(result)).toMatch(/… \[\d+ more characters\]/);
};

/** No finding's message is longer than a described finding's cap. */
const messagesCapped = (result: SurfaceResult): void => {
  for (const item of result.items) for (const finding of item.findings) expect(finding.message.length).toBeLessThanOrEqual(4_000);
};

export const CASES: readonly SurfaceCase[] = [
  {
    name: 'sizes-error-at-load',
    area: 'sizes',
    status: ['graded', 'crashed'],
    build: (ctx) => submission(ctx.classDir, 'sizes-error-at-load', ctx.honestStarter, [atLoad("throw new Error('x'.repeat(5_000_000));")]),
    verify: (result) => {
      messagesCapped(result);
      if (result.status === 'graded') cut(result);
    },
  },
  {
    name: 'sizes-long-messages-in-routine',
    area: 'sizes',
    status: ['graded', 'crashed'],
    build: (ctx) =>
      submission(ctx.classDir, 'sizes-long-messages-in-routine', ctx.honestStarter, [
        atDispatch("const e = new Error('m'.repeat(1_000_000)); e.name = 'N'.repeat(1_000_000); if (irp !== null) throw e;"),
      ]),
    verify: messagesCapped,
  },
  {
    name: 'sizes-thrown-object',
    area: 'sizes',
    status: ['graded', 'crashed'],
    build: (ctx) =>
      submission(ctx.classDir, 'sizes-thrown-object', ctx.honestStarter, [atDispatch("if (irp !== null) throw { toString: () => 'o'.repeat(5_000_000) };")]),
    verify: messagesCapped,
  },
  {
    name: 'sizes-printing-a-lot',
    area: 'sizes',
    status: ['graded'],
    build: (ctx) => submission(ctx.classDir, 'sizes-printing-a-lot', ctx.honestStarter, [atDispatch("for (let i = 0; i < 5; i++) console.log('p'.repeat(1_000_000));")]),
    verify: (result) => {
      expect(result.output.length).toBeGreaterThan(10_000);
      expect(result.output.length).toBeLessThanOrEqual(17_000);
    },
  },
  {
    name: 'sizes-value-an-invariant-quotes',
    area: 'sizes',
    status: ['graded'],
    build: (ctx) =>
      submission(ctx.classDir, 'sizes-value-an-invariant-quotes', ctx.honestStarter, [atIncrement("(ext as unknown as Record<string, unknown>).Count = 'c'.repeat(2_000_000);")]),
    verify: cut,
  },
  {
    name: 'sizes-field-name',
    area: 'sizes',
    status: ['graded', 'crashed', 'timed-out'],
    build: (ctx) =>
      submission(ctx.classDir, 'sizes-field-name', ctx.honestStarter, [atIncrement("(ext as unknown as Record<string, number>)['f'.repeat(1_000_000)] = 1;\n  ext.Count = ext.Count + 1;")]),
  },
  {
    name: 'sizes-routine-name',
    area: 'sizes',
    status: ['graded', 'crashed', 'timed-out'],
    build: (ctx) => submission(ctx.classDir, 'sizes-routine-name', ctx.honestStarter, [atLoad("Object.defineProperty(DispatchWrite, 'name', { value: 'r'.repeat(1_000_000) });")]),
    verify: messagesCapped,
  },
  {
    name: 'sizes-long-source-line',
    area: 'sizes',
    status: ['graded'],
    build: (ctx) => submission(ctx.classDir, 'sizes-long-source-line', ctx.honestStarter, [atIncrement(`ext.Count = ext.Count + 1; /* ${'s'.repeat(1_000_000)} */`)]),
    verify: (result) => {
      cut(result);
      for (const item of result.items) for (const finding of item.findings) expect((finding.source ?? '').length).toBeLessThanOrEqual(1_000);
    },
  },
  {
    name: 'sizes-thousands-of-racy-fields',
    area: 'sizes',
    status: ['graded', 'crashed', 'timed-out'],
    timeout: 30,
    build: (ctx) =>
      submission(ctx.classDir, 'sizes-thousands-of-racy-fields', ctx.honestStarter, [
        atIncrement("for (let i = 0; i < 3_000; i++) (ext as unknown as Record<string, number>)[`f${i}-${'w'.repeat(200)}`] = i;\n  ext.Count = ext.Count + 1;"),
      ]),
  },
  {
    // 400 errors stay under tsc's own output cap (256 KB, past which typecheck.ts reports one diagnostic); typecheck.ts keeps 50 and counts the rest, a result at most 100.
    name: 'sizes-hundreds-of-type-errors',
    area: 'sizes',
    status: ['graded'],
    typecheck: true,
    build: (ctx) =>
      submission(ctx.classDir, 'sizes-hundreds-of-type-errors', ctx.honestStarter, [
        atLoad(Array.from({ length: 400 }, (_, i) => `export const wrong${i}: number = '${'t'.repeat(300)}';`).join('\n')),
      ]),
    verify: (result) => {
      expect(result.diagnostics.length).toBeGreaterThan(10);
      expect(result.diagnostics.length).toBeLessThanOrEqual(100);
      expect(result.items.find((item) => item.id === 'typechecks')?.passed).toBe(false);
    },
  },
];
