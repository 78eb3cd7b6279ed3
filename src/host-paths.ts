/**
 * The grader's own absolute paths — where spinlab is installed, its
 * temporary folders, the user's home — taken out of text that leaves the
 * grader about one submission (a result's message, a grader-error) or
 * about itself (an internal error), so neither a student nor a CI log
 * learns the machine's layout from it.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where spinlab is installed (the folder holding its package.json): the
 * nearest such folder above this code, which runs from src/ (the tests),
 * from a module of dist/ or from one of the bundles in dist/.
 */
export const INSTALL_ROOT = findInstallRoot(dirname(fileURLToPath(import.meta.url)));

function findInstallRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'spinlab') return dir;
    if (dirname(dir) === dir) return dirname(start);
  }
}

let replacements: ReadonlyArray<readonly [string, string]> | undefined;

function hostPaths(): ReadonlyArray<readonly [string, string]> {
  replacements ??= [
    ...variants(INSTALL_ROOT).map((path) => [path, '<spinlab>'] as const),
    ...variants(tmpdir()).map((path) => [path, '<tmp>'] as const),
    ...variants(homedir()).map((path) => [path, '~'] as const),
  ]
    // Longest first: a temporary folder inside the home folder is named as temporary.
    .sort((a, b) => b[0].length - a[0].length);
  return replacements;
}

/** A path and its real path (macOS's /var is /private/var), without a trailing separator; none for `/`. */
function variants(path: string): string[] {
  const found = new Set([path]);
  try {
    found.add(realpathSync(path));
  } catch {
    // A path that does not exist can still be named in a message as given.
  }
  return [...found].map((p) => p.replace(/[/\\]+$/, '')).filter((p) => p.length > 1);
}

/** `text` with every absolute path of the install, the temporary folder and the home folder replaced by `<spinlab>`, `<tmp>` and `~`. */
export function withoutHostPaths(text: string): string {
  let result = text;
  for (const [path, placeholder] of hostPaths()) result = result.split(path).join(placeholder);
  return result;
}
