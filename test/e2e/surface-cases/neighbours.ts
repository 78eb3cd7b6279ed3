/**
 * Surface cases, "Grading one file reads its neighbours": a lone .ts file
 * beside another student's file reaches for it — by a bundled import, a
 * type-only import and a `/// <reference>`. The neighbour holds the canary;
 * graded alone, the lone file never sees it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SurfaceCase, SurfaceContext } from '../surface-case.js';

/** The honest starter as another student's lone file, with an exported secret (the canary). */
function victim(ctx: SurfaceContext, name: string): void {
  writeFileSync(join(ctx.classDir, `${name}.ts`), `${ctx.honestStarter}\nexport const secret = '${ctx.canary}';\n`);
}

export const CASES: readonly SurfaceCase[] = [
  {
    name: 'imports-a-neighbour',
    area: 'neighbours',
    build: (ctx) => {
      victim(ctx, 'neighbour-victim-a');
      const file = join(ctx.classDir, 'imports-a-neighbour.ts');
      writeFileSync(file, `import { secret } from './neighbour-victim-a.js';\nconsole.log(secret);\nexport * from './neighbour-victim-a.js';\n`);
      return file;
    },
    status: ['compile-error'],
    verify: (result) => {
      expect(result.diagnostics[0]!.message).toMatch(/graded alone.*pass the folder/);
      expect(result.score).toBe(0);
    },
  },
  {
    name: 'type-imports-a-neighbour',
    area: 'neighbours',
    typecheck: true,
    build: (ctx) => {
      victim(ctx, 'neighbour-victim-b');
      const file = join(ctx.classDir, 'type-imports-a-neighbour.ts');
      // Erased before bundling: only the type-check could follow it, and would quote the secret's literal type.
      writeFileSync(file, `${ctx.honestStarter}\nimport type { secret } from './neighbour-victim-b.js';\nexport function unused(): number {\n  const value: typeof secret = 0 as never;\n  return value;\n}\n`);
      return file;
    },
    status: ['graded', 'compile-error'],
    verify: (result) => expect(result.items.find((item) => item.id === 'typechecks')?.passed ?? false).toBe(false),
  },
  {
    name: 'references-a-neighbour',
    area: 'neighbours',
    typecheck: true,
    build: (ctx) => {
      victim(ctx, 'neighbour-victim-c');
      const file = join(ctx.classDir, 'references-a-neighbour.ts');
      // Never called: only the type-check would resolve `secret`, and quote its literal type.
      writeFileSync(file, `/// <reference path="./neighbour-victim-c.ts" />\n${ctx.honestStarter}\nexport function unused(): number {\n  return secret;\n}\n`);
      return file;
    },
    status: ['graded', 'compile-error'],
    verify: (result) => expect(result.items.find((item) => item.id === 'typechecks')?.passed ?? false).toBe(false),
  },
];
