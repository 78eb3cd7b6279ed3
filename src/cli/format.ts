/** The report format a command's `--format` (or `--json`) names. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FORMAT_NAMES, REPORTERS, type Reporter } from '../report/index.js';
import { usage } from './options.js';

/** The format name and its reporter. Throws a usage error for an unknown format. */
export function chooseReporter(flags: { readonly json?: boolean; readonly format?: string }): { format: string; reporter: Reporter } {
  const format = flags.json === true ? 'json' : (flags.format ?? 'text');
  const reporter = REPORTERS[format];
  if (reporter === undefined) throw usage(`unknown --format \`${format}\`; formats: ${FORMAT_NAMES.join(', ')}`);
  return { format, reporter };
}

/** The `submissionDir` report option: for `github` only, the folder of `submission` from the repository root (which only the CLI can find). */
export function submissionDirFor(format: string, submission: string): string | undefined {
  return format === 'github' || format === 'junit' ? submissionDirInRepository(submission) : undefined;
}

/**
 * The folder of `submission` (a folder, or a file's folder; as given: absolute
 * or relative to `cwd`) from the repository root, with `/`; `''` when it is
 * the root, or outside it. The root is `$GITHUB_WORKSPACE` when set, else the
 * nearest folder at or above the submission holding `.git`, else `cwd`.
 */
export function submissionDirInRepository(submission: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const folder = folderOf(submission, cwd);
  const path = relative(repositoryRoot(submission, env, cwd), folder);
  if (path === '' || isAbsolute(path) || path === '..' || path.startsWith(`..${sep}`)) return '';
  return path.replace(/\\/g, '/');
}

/** The root of the repository holding `submission` (as {@link submissionDirInRepository} finds it), links resolved. */
export function repositoryRoot(submission: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const workspace = env.GITHUB_WORKSPACE;
  return realPath(workspace !== undefined && workspace !== '' ? resolve(cwd, workspace) : (gitTopLevel(folderOf(submission, cwd)) ?? cwd));
}

/** The folder of `submission` (itself, or a file's folder), links resolved. */
function folderOf(submission: string, cwd: string): string {
  const given = resolve(cwd, submission);
  return realPath(existsSync(given) && !statSync(given).isDirectory() ? dirname(given) : given);
}

/** The nearest folder at or above `folder` holding `.git` (a folder, or a file in a worktree or submodule). */
function gitTopLevel(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `path` with its links resolved, so a linked workspace still contains the submission; `path` itself if it does not exist. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
