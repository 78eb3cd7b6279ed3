/**
 * Staging: the submission's source files, copied into a private temporary
 * folder before anything compiles or type-checks them. Only regular files
 * and links to files inside the submission are copied, never a link that
 * leads out of it, so esbuild and tsc — which follow links — read the
 * student's files and nothing beside them. `node_modules` and dot-folders
 * are not part of a submission.
 */
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

/** Limits on what a submission may hold (sources only). */
export const STAGE_LIMITS = { files: 200, fileBytes: 1024 * 1024, totalBytes: 4 * 1024 * 1024, entries: 20_000 } as const;

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** A staged submission: its copy, and where the grader may write beside it (a tsconfig). */
export interface StagedSubmission {
  /** The copy of the submission folder. */
  readonly root: string;
  /** The entry file inside the copy. */
  readonly entry: string;
  /** The private folder that holds the copy (removed by {@link StagedSubmission.remove}). */
  readonly workDir: string;
  /** The copied files, relative to the root, with `/`. */
  readonly files: readonly string[];
  remove(): void;
}

/** What staging gives. */
export type StageOutcome = { readonly ok: true; readonly staged: StagedSubmission } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Copies the sources of the submission in `root` (entry `entry`) into a
 * private folder; with `alone`, the entry file only (a file in a class
 * folder, beside other students' files).
 */
export function stageSubmission(entry: string, root: string, alone = false): StageOutcome {
  const realRoot = realpathSync(root);
  const problems: Diagnostic[] = [];
  const found: Array<{ from: string; to: string; bytes: number }> = [];
  const problem = (file: string, message: string) => problems.push({ kind: 'compile', file, line: 1, column: 1, message });
  /** Takes one directory entry: a source file, or a link to one inside the submission. */
  const consider = (path: string, name: string, info: Stats): void => {
    if (!SOURCE.test(name)) return;
    const rel = relative(root, path).split(sep).join('/');
    let target = path;
    if (info.isSymbolicLink()) {
      try {
        target = realpathSync(path);
      } catch {
        return; // a broken link holds nothing
      }
      if (!target.startsWith(realRoot + sep)) {
        problem(rel, `${rel} is a symbolic link to a file outside the submission folder: copy the file in instead`);
        return;
      }
    }
    const stat = statSync(target);
    if (stat.isFile()) found.push({ from: target, to: rel, bytes: stat.size });
  };
  let entries = 0;
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (++entries > STAGE_LIMITS.entries) return;
      const path = join(dir, name);
      const info = lstatSync(path);
      if (info.isDirectory()) {
        if (name !== 'node_modules' && !name.startsWith('.')) visit(path);
      } else consider(path, name, info);
    }
  };
  if (alone) consider(entry, basename(entry), lstatSync(entry));
  else visit(root);
  if (entries > STAGE_LIMITS.entries) problem('.', `the submission folder holds more than ${STAGE_LIMITS.entries} files and folders: pass the folder of the exercise`);
  const entryRel = relative(root, entry).split(sep).join('/');
  const total = found.reduce((sum, file) => sum + file.bytes, 0);
  const tooBig = found.find((file) => file.bytes > STAGE_LIMITS.fileBytes);
  if (tooBig !== undefined) problem(tooBig.to, `${tooBig.to} is larger than ${STAGE_LIMITS.fileBytes / 1024} KB`);
  if (found.length > STAGE_LIMITS.files) problem(entryRel, `the submission has more than ${STAGE_LIMITS.files} source files`);
  if (total > STAGE_LIMITS.totalBytes) problem(entryRel, `the submission's sources are larger than ${STAGE_LIMITS.totalBytes / 1024 / 1024} MB in all`);
  if (problems.length === 0 && !found.some((file) => file.to === entryRel)) problem(entryRel, `${entryRel} is not a file inside the submission folder`);
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  const workDir = mkdtempSync(join(tmpdir(), 'spinlab-'));
  const copy = join(workDir, 'submission');
  mkdirSync(copy);
  for (const file of found) {
    const to = join(copy, ...file.to.split('/'));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(file.from, to);
  }
  return {
    ok: true,
    staged: {
      root: realpathSync(copy),
      entry: join(realpathSync(copy), ...entryRel.split('/')),
      workDir,
      files: found.map((file) => file.to),
      remove: () => rmSync(workDir, { recursive: true, force: true }),
    },
  };
}
