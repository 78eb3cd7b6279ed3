/** File trees no one makes by hand: for the tests of staging and its surfaces. */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `levels` nested folders `d/d/…` in `dir`. The whole path is past PATH_MAX, so it is built in
 * chains short enough for a path (in a dot-folder of `dir`, removed after), each moved into the last.
 */
export function nestFolders(dir: string, levels: number): void {
  const chain = 700;
  let bottom = dir;
  for (let made = 0; made < levels; made += chain) {
    const piece = mkdtempSync(join(dir, '.chain-'));
    mkdirSync(join(piece, ...Array.from({ length: chain }, () => 'd')), { recursive: true });
    renameSync(join(piece, 'd'), join(bottom, 'd'));
    rmSync(piece, { recursive: true });
    bottom = join(bottom, 'd', ...Array.from({ length: chain - 1 }, () => 'd'));
  }
}

/** A path of bytes under `dir` (a name that is not UTF-8 cannot be a JS string). */
export function bytePath(dir: string, ...names: ReadonlyArray<string | readonly number[] | Buffer>): Buffer {
  return Buffer.concat([Buffer.from(dir), ...names.flatMap((name) => [Buffer.from('/'), Buffer.from(name as string)])]);
}
