/**
 * Surface cases, "No result written": trees staging cannot copy faithfully.
 * Each must end in a written `compile-error` result naming the place — never
 * "internal error", never a hang, never the grader's paths.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bytePath, nestFolders } from '../../helpers/odd-trees.js';
import type { SurfaceCase, SurfaceContext, SurfaceResult } from '../surface-case.js';

/** A submission folder named `name` in the class, holding the honest starter as driver.ts. */
export function starterFolder(ctx: SurfaceContext, name: string): string {
  const dir = join(ctx.classDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'driver.ts'), ctx.honestStarter);
  return dir;
}

/** The result refuses the submission with a diagnostic whose message matches `pattern`. */
const refusedWith = (pattern: RegExp) => (result: SurfaceResult) => {
  expect(result.score).toBe(0);
  expect(result.diagnostics.map((d) => d.message).join('\n')).toMatch(pattern);
};

export const CASES: readonly SurfaceCase[] = [
  {
    name: 'source-name-not-utf8',
    area: 'results',
    build: (ctx) => {
      const dir = starterFolder(ctx, 'source-name-not-utf8');
      writeFileSync(bytePath(dir, [0x68, 0x65, 0x6c, 0x70, 0xe9, 0x2e, 0x74, 0x73]), 'export const x = 1;\n');
      return dir;
    },
    status: ['compile-error'],
    verify: (result) => {
      refusedWith(/not valid UTF-8: rename it/)(result);
      expect(result.diagnostics[0]!.file).toBe('help\\xE9.ts');
    },
  },
  {
    // Past PATH_MAX as a whole: a runner removes its work folder with `rm -rf` (Node's recursive rmSync
    // fails on such a tree: ENAMETOOLONG, or out of stack at this depth).
    name: 'folders-2100-deep',
    area: 'results',
    build: (ctx) => {
      const dir = starterFolder(ctx, 'folders-2100-deep');
      nestFolders(dir, 2100);
      return dir;
    },
    status: ['compile-error'],
    verify: refusedWith(/folders are nested more than 32 deep/),
  },
  {
    name: 'fifo-named-like-a-source',
    area: 'results',
    build: (ctx) => {
      const dir = starterFolder(ctx, 'fifo-named-like-a-source');
      execFileSync('mkfifo', [join(dir, 'queue.ts')]);
      return dir;
    },
    status: ['compile-error'],
    verify: refusedWith(/queue\.ts is a FIFO \(named pipe\), not a file/),
  },
  {
    name: 'fifo-as-the-submission',
    area: 'results',
    build: (ctx) => {
      const file = join(ctx.classDir, 'fifo-as-the-submission.ts');
      execFileSync('mkfifo', [file]);
      return file;
    },
    status: ['compile-error'],
    verify: refusedWith(/is a FIFO \(named pipe\), not a file/),
  },
  {
    name: 'symbolic-link-loop',
    area: 'results',
    build: (ctx) => {
      const dir = starterFolder(ctx, 'symbolic-link-loop');
      symlinkSync('b.ts', join(dir, 'a.ts'));
      symlinkSync('a.ts', join(dir, 'b.ts'));
      return dir;
    },
    status: ['compile-error'],
    verify: refusedWith(/a loop of symbolic links/),
  },
  {
    name: 'source-name-with-escape',
    area: 'results',
    build: (ctx) => {
      const dir = starterFolder(ctx, 'source-name-with-escape');
      writeFileSync(join(dir, 'x\u001bc\u001b[2J.ts'), 'export const x = 1;\n');
      return dir;
    },
    status: ['compile-error'],
    verify: (result) => {
      refusedWith(/holds a control or invisible character/)(result);
      expect(JSON.stringify(result)).not.toMatch(/\\u001b/);
    },
  },
  {
    name: 'twenty-thousand-entries',
    area: 'results',
    build: (ctx) => {
      const dir = starterFolder(ctx, 'twenty-thousand-entries');
      mkdirSync(join(dir, 'assets'));
      for (let i = 0; i <= 20_000; i++) writeFileSync(join(dir, 'assets', `${i}`), '');
      return dir;
    },
    status: ['compile-error'],
    verify: refusedWith(/more than 20000 files and folders/),
  },
];
