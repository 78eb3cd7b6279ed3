/**
 * Surface cases, "A batch loses a student": names that clash (a file and a
 * folder, or two spellings a case-insensitive file system merges), names
 * that are not UTF-8, hold control characters or are very long, and a link
 * from one entry to another. Graded alone each is an honest starter; in a
 * batch every entry must be present exactly once, in grades.csv and as a
 * result file whose name is safe.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SurfaceCase, SurfaceContext } from '../surface-case.js';
import { bytePath } from '../../helpers/odd-trees.js';
import { starterFolder } from './results.js';

/** The honest starter as a lone file `name` in the class. */
function starterFile(ctx: SurfaceContext, name: string | Buffer): string {
  const path = typeof name === 'string' ? join(ctx.classDir, name) : bytePath(ctx.classDir, name);
  writeFileSync(path, ctx.honestStarter);
  return String(path);
}

export const CASES: readonly SurfaceCase[] = [
  {
    name: 'file-and-folder-same-name',
    area: 'batch',
    build: (ctx) => {
      starterFile(ctx, 'clash-same.ts');
      return starterFolder(ctx, 'clash-same');
    },
    status: ['graded'],
  },
  {
    name: 'names-differing-in-case',
    area: 'batch',
    build: (ctx) => {
      starterFile(ctx, 'clash-case.ts');
      starterFolder(ctx, 'Clash-Case');
      return starterFolder(ctx, 'CLASH-CASE');
    },
    status: ['graded'],
  },
  {
    name: 'student-name-not-utf8',
    area: 'batch',
    build: (ctx) => {
      // Jos\xE9 (Latin-1, as an old zip tool writes it): graded in the batch through a link; this one alone.
      const latin1 = bytePath(ctx.classDir, [0x4a, 0x6f, 0x73, 0xe9]);
      mkdirSync(latin1);
      writeFileSync(Buffer.concat([latin1, Buffer.from('/driver.ts')]), ctx.honestStarter);
      return starterFolder(ctx, 'Jos');
    },
    status: ['graded'],
  },
  {
    name: 'student-name-with-escapes',
    area: 'batch',
    build: (ctx) => starterFile(ctx, 'esc\u001b[31m\u001b]0;owned\u0007\r.ts'),
    status: ['graded'],
  },
  {
    name: 'student-name-250-bytes',
    area: 'batch',
    build: (ctx) => starterFolder(ctx, `long-${'é'.repeat(122)}`),
    status: ['graded'],
  },
  {
    name: 'link-to-another-student',
    area: 'batch',
    build: (ctx) => {
      starterFile(ctx, 'link-target.ts');
      // Graded alone by `grade`, the staff's own link is followed; in a batch it would grade another student's work, and is refused.
      symlinkSync('link-target.ts', join(ctx.classDir, 'link-to-another-student.ts'));
      return join(ctx.classDir, 'link-to-another-student.ts');
    },
    status: ['graded'],
  },
];
