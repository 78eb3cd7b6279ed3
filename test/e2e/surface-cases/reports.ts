/**
 * Reports are inert (issue #19): student text with terminal escapes (ESC c,
 * ESC 7, ESC ( 0, CSI, the 8-bit CSI, OSC … BEL), a CR that overwrites the
 * line with a forged score, backspaces, BEL, bidi controls, zero-width and
 * line-separator characters, workflow commands at the start of a line and
 * mid-line, a spreadsheet formula and markup — in every place a student's
 * text reaches a report: console output, a thrown message (in a routine and
 * at load), a routine's name, a field's name, a file's name, the submission
 * folder's name, an invariant's message quoting a value, compile and type
 * diagnostics with their source lines; and grades.csv cells that start with
 * TAB, CR or a formula. Each case checks that its text reached the result,
 * so the runner's inertness checks are checks of something.
 */
import { expect } from 'vitest';
import { atDispatch, atIncrement, atLoad, submission } from '../../helpers/starter-edit.js';
import type { SurfaceCase, SurfaceResult } from '../surface-case.js';

/** Everything a terminal, a CI log, a spreadsheet or a browser could act on, in one string. */
const RAW =
  '\u001bc\u001b7\u001b(0\u009b2J\u001b]0;pwned\u0007\rScore 23/23\u0008\u0008\u202eevil\u2066\u200b\u2028\n' +
  '::error file=driver.ts,line=1::forged\n  ::add-mask::x\n##[error]legacy mid ##[stop-commands]x\n=cmd|calc\t<script>alert(1)</script>';

/** `text` as a TypeScript string literal, in plain ASCII. */
const literal = (text: string): string => JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The result holds the attack's ESC c (the runner then shows no report acts on it). */
const reached = (result: SurfaceResult): void => {
  expect(JSON.stringify(result)).toContain('\\u001bc');
};

const GRADED = ['graded'];

export const CASES: readonly SurfaceCase[] = [
  {
    name: 'reports-console-output',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, 'reports-console-output', ctx.honestStarter, [atDispatch(`console.log(${literal(RAW)});`)]),
    verify: (result) => expect(result.output).toContain('\u001bc'),
  },
  {
    name: 'reports-thrown-in-routine',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, 'reports-thrown-in-routine', ctx.honestStarter, [atDispatch(`if (irp !== null) throw new Error(${literal(RAW)});`)]),
    verify: reached,
  },
  {
    name: 'reports-thrown-at-load',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, 'reports-thrown-at-load', ctx.honestStarter, [atLoad(`throw new Error(${literal(RAW)});`)]),
    verify: (result) => {
      reached(result);
      expect(result.score).toBe(0);
    },
  },
  {
    name: 'reports-routine-name',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, 'reports-routine-name', ctx.honestStarter, [atLoad(`Object.defineProperty(DispatchWrite, 'name', { value: ${literal(RAW)} });`)]),
  },
  {
    name: 'reports-field-name',
    area: 'reports',
    status: GRADED,
    build: (ctx) =>
      submission(ctx.classDir, 'reports-field-name', ctx.honestStarter, [atIncrement(`(ext as unknown as Record<string, number>)[${literal(RAW)}] = ext.Count;\n  ext.Count = ext.Count + 1;`)]),
    verify: reached,
  },
  {
    name: 'reports-file-name',
    area: 'reports',
    // Staging refuses a source whose name holds a control character: the refusal names it, made visible.
    status: ['compile-error'],
    verify: (r) => expect(r.diagnostics.some((d) => /\\x1b/i.test(d.message))).toBe(true),
    build: (ctx) => {
      const helper = `util-\u001bc\u001b7\u202e\r\n::error file=driver.ts,line=1::forged ##[error]x`;
      return submission(
        ctx.classDir,
        'reports-file-name',
        ctx.honestStarter,
        [(driver) => `import { bump } from ${literal(`./${helper}.js`)};\n${driver}`, atIncrement('bump(ext);')],
        { [`${helper}.ts`]: 'export function bump(ext: { Count: number }): void {\n  ext.Count = ext.Count + 1;\n}\n' },
      );
    },
  },
  {
    name: 'reports-folder-name',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, `reports-folder-\u001bc\u001b7\u001b(0\u009b2J\r\n::error::forged \u202e##[error]x\u0007`, ctx.honestStarter, []),
    verify: reached,
  },
  {
    name: 'reports-csv-leading-tab',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, '\t=1+1 reports-csv-leading-tab', ctx.honestStarter, []),
  },
  {
    name: 'reports-csv-leading-cr',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, "\r=1+1 reports-csv-leading-cr", ctx.honestStarter, []),
  },
  {
    name: 'reports-csv-formula',
    area: 'reports',
    status: GRADED,
    build: (ctx) => submission(ctx.classDir, "=cmd|' /C calc'!A0 reports-csv-formula", ctx.honestStarter, []),
  },
  {
    name: 'reports-csv-at-and-minus',
    area: 'reports',
    status: GRADED,
    build: (ctx) => {
      submission(ctx.classDir, '-2+3 reports-csv-minus', ctx.honestStarter, []);
      return submission(ctx.classDir, '@SUM(1+1) reports-csv-at', ctx.honestStarter, []);
    },
  },
  {
    name: 'reports-invariant-message',
    area: 'reports',
    status: GRADED,
    build: (ctx) =>
      submission(ctx.classDir, 'reports-invariant-message', ctx.honestStarter, [atIncrement(`(ext as unknown as Record<string, unknown>).Count = ${literal(RAW)};`)]),
    verify: reached,
  },
  {
    name: 'reports-compile-diagnostic',
    area: 'reports',
    status: ['compile-error'],
    // The raw characters are in the source itself: the diagnostic's line carries them.
    build: (ctx) => submission(ctx.classDir, 'reports-compile-diagnostic', ctx.honestStarter, [atLoad(`const broken = ${RAW.replace(/\n/g, ' ')} (;`)]),
    verify: (result) => {
      reached(result);
      expect(result.diagnostics.length).toBeGreaterThan(0);
    },
  },
  {
    name: 'reports-type-diagnostic',
    area: 'reports',
    status: GRADED,
    typecheck: true,
    build: (ctx) => submission(ctx.classDir, 'reports-type-diagnostic', ctx.honestStarter, [atLoad(`export const wrong: 'a' = '${RAW.replace(/[\n\r']/g, ' ')}';`)]),
    verify: (result) => {
      reached(result);
      expect(result.diagnostics.some((d) => d.message.includes('not assignable'))).toBe(true);
    },
  },
];
