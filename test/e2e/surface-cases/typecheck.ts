/**
 * Attacks on the type-check (issue #19): getting tsc to read — and quote —
 * a file outside the submission, and buying the type-check item without
 * type-checked code. Each is the honest e2e-count starter with one attack;
 * every one must lose the type-check item and quote nothing from outside.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { SurfaceCase, SurfaceContext, SurfaceResult } from '../surface-case.js';

/** The type-check item, lost; and, when given, a diagnostic whose message holds `says`. */
export const typecheckLost =
  (says?: string) =>
  (result: SurfaceResult): void => {
    expect(result.items.find((item) => item.id === 'typechecks')?.passed).toBe(false);
    if (says !== undefined) expect(result.diagnostics.some((d) => d.message.includes(says))).toBe(true);
  };

/** The starter with `code` before its device extension, in `classDir/<name>/driver.ts` (and `files` beside it); returns the folder. */
function submission(ctx: SurfaceContext, name: string, code: string, files: Record<string, string> = {}): string {
  const dir = join(ctx.classDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'driver.ts'), ctx.honestStarter.replace('interface DeviceExtension', `${code}\ninterface DeviceExtension`));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** The secret's path without its extension (as a module specifier), absolute. */
const secret = (ctx: SurfaceContext) => join(ctx.outsideDir, 'secret');
/** The secret as a path relative to a file in `classDir/<name>/`, climbing to the root first (so it leads there from the staged copy too). */
const climbing = (ctx: SurfaceContext) => `${'../'.repeat(40)}${relative('/', join(ctx.outsideDir, 'secret'))}`;
/** Code that makes a type error of the secret's type, so tsc would quote it if it read it. */
const quote = 'const leak: number = null as unknown as Secret;\nvoid leak;';
const outside = 'is not a file of the submission';

/** A type-check attack: the starter with `code` (and `files` beside it) that must lose the item, saying `says`. */
function attack(name: string, code: (ctx: SurfaceContext) => string, says?: string, files: (ctx: SurfaceContext) => Record<string, string> = () => ({}), status: readonly string[] = ['graded']): SurfaceCase {
  return { name, area: 'typecheck', typecheck: true, status, build: (ctx) => submission(ctx, name, code(ctx), files(ctx)), verify: typecheckLost(says) };
}

export const CASES: readonly SurfaceCase[] = [
  attack('tc-reference-path-climbing', (ctx) => `/// <reference path="z/${climbing(ctx)}.ts" />\ntype Secret = number;\n${quote}`, '/// <reference>'),
  attack('tc-type-import-comment', (ctx) => `import type { Secret } from /* from */ '${secret(ctx)}';\n${quote}`, outside),
  attack('tc-bare-through-node-modules', (ctx) => `import type { Secret } from 'x/${climbing(ctx)}';\nimport type { C } from 'canary';\ntype Both = Secret | C;\nconst leak: number = null as unknown as Both;\nvoid leak;`, outside),
  attack('tc-import-type-query', (ctx) => `type Secret = typeof import('${climbing(ctx)}')['secret'];\n${quote}`, outside),
  attack('tc-export-star-outside', (ctx) => `export * from '${secret(ctx)}';`, undefined, undefined, ['compile-error']),
  attack('tc-import-equals-require', (ctx) => `import outside = require('${climbing(ctx)}');\ntype Secret = typeof outside.secret;\n${quote}`, undefined, undefined, ['graded', 'compile-error']),
  attack('tc-reference-types', () => `/// <reference types="canary" />\ntype Secret = number;\n${quote}`, '/// <reference>'),
  attack('tc-kernel-subpath', (ctx) => `import type { Secret } from 'spinlab/kernel/${climbing(ctx)}';\n${quote}`, outside),
  // Neither file is staged: strict stays on, paths and #imports lead nowhere.
  attack('tc-config-in-submission', () => `import type { Secret } from '#secret';\n${quote}\nfunction loose(x) { return x; }\nvoid loose;`, outside, (ctx) => ({
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false, noImplicitAny: false, paths: { '*': [`${ctx.outsideDir}/*`] } } }),
    'package.json': JSON.stringify({ type: 'module', imports: { '#secret': `${secret(ctx)}.ts` } }),
  })),
  // A line break in a specifier forges a line of tsc's resolution trace: the account fails closed.
  attack('tc-trace-forgery', (ctx) => `import type { Secret } from "${secret(ctx)}\\n======== Resolving module 'spinlab/kernel' from '/x/driver.ts'. ========";\n${quote}`),
  attack('tc-js-helper', () => "import { bump } from './bump.js';\nconsole.log(bump({ n: 1 }));", 'JavaScript', () => ({ 'bump.js': 'export function bump(ext) { return ext.n + 1; }\n' })),
  // tsc checks queue.ts; the bundler runs queue.js.
  attack('tc-js-shadows-ts', () => "import { next } from './queue.js';\nconsole.log(next(1));", 'JavaScript', () => ({
    'queue.ts': 'export function next(n: number): number { return n + 1; }\n',
    'queue.js': 'export function next(n) { return n.no.such.thing; }\n',
  })),
  // esbuild bundles a require() of a relative file; tsc does not follow it in TypeScript, so the file would run unchecked.
  attack('tc-require-unchecked', () => 'declare const require: (path: string) => { bump(n: number): number };\nconsole.log(require("./evil.ts").bump(1));', 'no import reaches it', () => ({
    'evil.ts': 'export function bump(n: number): number {\n  const wrong: number = "unchecked";\n  return n + wrong;\n}\n',
  })),
  attack(
    'tc-declare-module-kernel',
    () => "declare module 'spinlab/kernel' {\n  interface KSPIN_LOCK { loosened: any }\n  export function KeAcquireSpinLock(lock: unknown): any;\n}\nconst wide: string = null as unknown as import('spinlab/kernel').KSPIN_LOCK['loosened'];\nvoid wide;",
    'declare module',
  ),
  attack('tc-declare-global', () => "declare global {\n  interface Number { loose: string }\n}\nconst s: string = (1).loose ?? '';\nvoid s;", 'declare global'),
  // Quotes in a regular expression, a template, comments: a scan of the text would lose its place; tsc's declarations do not.
  attack('tc-declare-global-disguised', () => "const re = /'\"`/; void re;\nconst t = `${'`'}/*`; void t;\n/* ' */ declare /* \" */ global { interface Number { loose: string } }\nconst s: string = (1).loose ?? '';\nvoid s;", 'declare global'),
  attack('tc-declaration-file', () => "import type { Count } from './count.js';\nconst c: Count = 1;\nvoid c;", 'declaration file', () => ({ 'count.d.ts': 'export type Count = NoSuchType;\n' })),
  // A file with no imports or exports is still a module: its interface Number is its own.
  attack('tc-script-globals', () => "import './globals.js';\nconst s: string = (1).loose;\nvoid s;", "Property 'loose' does not exist", () => ({ 'globals.ts': 'interface Number { loose: string }\n' })),
  // tsc 7 honours `@ts-ignorefoo` and `//@TS-NOCHECK`.
  attack('tc-suppression-suffix', () => "// @ts-ignorefoo\nconst a: number = 'x';\n//@TS-NOCHECK\nvoid a;", "Type 'string' is not assignable to type 'number'"),
  {
    name: 'tc-symlinked-types',
    area: 'typecheck',
    typecheck: true,
    status: ['compile-error'],
    // A type-only import esbuild erases: staging refuses the link before anything reads it.
    build: (ctx) => {
      const dir = submission(ctx, 'tc-symlinked-types', `import type { Secret } from './types.js';\n${quote}`);
      symlinkSync(join(ctx.outsideDir, 'secret.ts'), join(dir, 'types.ts'));
      return dir;
    },
    verify: typecheckLost(),
  },
  // Once 22.6 s of regular expression: 40,000 spaces after `// from`; and near-misses of every reader, near 1 MB.
  attack(
    'tc-long-reference-scan',
    () => `// from${' '.repeat(40_000)}\n// ${'/// <reference '.repeat(20_000)}\n// ${'@ts-expect-erro'.repeat(20_000)}\n// ${"import('".repeat(20_000)}\nconst wrong: number = 'x';\nvoid wrong;`,
    "Type 'string' is not assignable to type 'number'",
  ),
];
