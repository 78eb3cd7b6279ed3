/**
 * A course repository's package-lock.json: its workflows run `npm ci`, which
 * refuses to run without one. Made by npm itself, from its cache first (the
 * tarball is local; its dependencies are usually cached by spinlab's own
 * install), without installing anything or running any script.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Why a lockfile could not be made (npm's last lines), or null when `dir/package-lock.json` was written. */
export function writeLockfile(dir: string): Promise<string | null> {
  const args = ['install', '--package-lock-only', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'];
  return new Promise((resolve) => {
    execFile('npm', args, { cwd: dir, encoding: 'utf8', timeout: 300_000 }, (error, _stdout, stderr) => {
      if (error === null && existsSync(join(dir, 'package-lock.json'))) resolve(null);
      else resolve(npmError(stderr) || String(error?.message));
    });
  });
}

/** npm's error lines, without its prefix and the pointer to its log: `code ENOTCACHED; request to … failed: …`. */
function npmError(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('npm error ') && !/A complete log of this run/.test(line))
    .map((line) => line.slice('npm error '.length).trim())
    .slice(0, 3)
    .join('; ');
}
