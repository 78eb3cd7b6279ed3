/**
 * Surface cases, the budget of host steps: student text that made a step on
 * the grader's thread slow (40,000 spaces after `// from` cost the
 * reference scan 22.6 s) and a submission at the size limits. Whatever a
 * step costs, the grading ends within its budget with a written result
 * (`timed-out` if it overran), and the batch moves on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SurfaceCase } from '../surface-case.js';
import { starterFolder } from './results.js';

export const CASES: readonly SurfaceCase[] = [
  {
    name: 'spaces-after-from',
    area: 'host-steps',
    typecheck: true,
    build: (ctx) => {
      const dir = join(ctx.classDir, 'spaces-after-from');
      mkdirSync(dir);
      writeFileSync(join(dir, 'driver.ts'), `${ctx.honestStarter}\n// from${' '.repeat(20_000)}\n`);
      return dir;
    },
    status: ['graded', 'timed-out'],
  },
  {
    name: 'sources-at-the-size-limit',
    area: 'host-steps',
    build: (ctx) => {
      const dir = starterFolder(ctx, 'sources-at-the-size-limit');
      // Three files just under 1 MB each, imported by the driver: every host step reads all of it.
      const imports: string[] = [];
      for (let part = 0; part < 3; part++) {
        let text = '';
        for (let i = 0; text.length < 1_000_000; i++) text += `export function f${i}(a: number): number { return a * ${i}; }\n`;
        writeFileSync(join(dir, `part${part}.ts`), text);
        imports.push(`import * as part${part} from './part${part}.js';\nvoid part${part};\n`);
      }
      writeFileSync(join(dir, 'driver.ts'), `${imports.join('')}${ctx.honestStarter}`);
      return dir;
    },
    status: ['graded', 'timed-out'],
    timeout: 30,
  },
];
