/**
 * Output paths checked before any grading: a TA must not wait for a class to
 * be graded to learn that `--out` names a file, a read-only folder, or a
 * folder where a file belongs. Each check writes and removes a probe file,
 * the only way to know for sure (permissions, read-only mounts, ACLs).
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unwritable } from './atomic-write.js';

/** Throws (exit 2) unless `dir` is, or can be made, a folder spinlab can write files in. */
export function requireWritableFolder(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw unwritable(dir, Object.assign(new Error('a file'), { code: 'EEXIST' }));
  probe(dir, dir);
}

/** Throws (exit 2) unless `file` can be written: not a folder, and its folder writable. */
export function requireWritableFile(file: string): void {
  if (existsSync(file) && statSync(file).isDirectory()) throw unwritable(file, Object.assign(new Error('a folder'), { code: 'EISDIR' }));
  probe(dirname(file), file);
}

/** Creates `dir` if needed and writes, then removes, a probe file in it; errors name `shown`. */
function probe(dir: string, shown: string): void {
  const file = join(dir, `.spinlab-probe-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, '');
  } catch (error) {
    throw unwritable(shown, error);
  } finally {
    rmSync(file, { force: true });
  }
}
