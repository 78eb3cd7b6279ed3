/**
 * Staging: the submission's source files, copied into a private temporary
 * folder before anything compiles or type-checks them. Only regular files
 * and links to files inside the submission are copied, never a link that
 * leads out of it, so esbuild and tsc — which follow links — read the
 * student's files and nothing beside them. `node_modules` and dot-folders
 * are not part of a submission. A single file given alone is staged alone:
 * its neighbours may be other students' files.
 *
 * Staging never throws on what the submission holds: what it cannot stage
 * (see `stage-scan.ts` and {@link STAGE_LIMITS}) is refused with a
 * diagnostic, and the grade is a `compile-error` saying why.
 */
import { closeSync, constants, fstatSync, mkdirSync, mkdtempSync, openSync, readSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { fsReason } from './file-names.js';
import { refusal, scanFile, scanFolder, specialKind, STAGE_LIMITS, type Candidate } from './stage-scan.js';

export { STAGE_LIMITS };

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
 * private folder; with `alone`, the entry file only (a single file, beside
 * files that are not the student's). Refuses — never throws on — what it
 * cannot stage.
 */
export function stageSubmission(entry: string, root: string, alone = false): StageOutcome {
  const entryRel = alone ? basename(entry) : relative(root, entry).split(sep).join('/');
  const scan = alone ? scanFile(entry, entryRel) : scanFolder(root);
  const problems = [...scan.problems, ...limitProblems(scan.found, entryRel)];
  if (problems.length === 0 && !scan.found.some((file) => file.to === entryRel)) problems.push(refusal(entryRel, `${entryRel} is not a file inside the submission folder`));
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  const contents: Buffer[] = [];
  for (const file of scan.found) {
    const read = readSource(file);
    if (typeof read === 'string') return { ok: false, diagnostics: [refusal(file.to, read)] };
    contents.push(read);
  }
  // Files may have grown since the walk measured them.
  if (contents.reduce((sum, bytes) => sum + bytes.length, 0) > STAGE_LIMITS.totalBytes) return { ok: false, diagnostics: [tooLargeInAll(entryRel)] };

  const workDir = mkdtempSync(join(tmpdir(), 'spinlab-'));
  const copy = join(workDir, 'submission');
  mkdirSync(copy);
  scan.found.forEach((file, i) => {
    const to = join(copy, ...file.to.split('/'));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, contents[i]!);
  });
  const realCopy = realpathSync(copy);
  return {
    ok: true,
    staged: {
      root: realCopy,
      entry: join(realCopy, ...entryRel.split('/')),
      workDir,
      files: scan.found.map((file) => file.to),
      remove: () => rmSync(workDir, { recursive: true, force: true }),
    },
  };
}

/** The limits on count and size, checked before anything is read. */
function limitProblems(found: readonly Candidate[], entryRel: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const total = found.reduce((sum, file) => sum + file.bytes, 0);
  const tooBig = found.find((file) => file.bytes > STAGE_LIMITS.fileBytes);
  if (tooBig !== undefined) problems.push(refusal(tooBig.to, `${tooBig.to} is larger than ${STAGE_LIMITS.fileBytes / 1024} KB`));
  if (found.length > STAGE_LIMITS.files) problems.push(refusal(entryRel, `the submission has more than ${STAGE_LIMITS.files} source files`));
  if (total > STAGE_LIMITS.totalBytes) problems.push(tooLargeInAll(entryRel));
  return problems;
}

function tooLargeInAll(entryRel: string): Diagnostic {
  return refusal(entryRel, `the submission's sources are larger than ${STAGE_LIMITS.totalBytes / 1024 / 1024} MB in all`);
}

// Never blocks (a FIFO swapped in after the walk opens at once and is refused), never follows a last link.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** The bytes of a source (at most its limit), or why it cannot be read. */
function readSource(file: Candidate): Buffer | string {
  let fd: number;
  try {
    fd = openSync(file.from, OPEN_FLAGS);
  } catch (error) {
    return `${file.to} cannot be read: ${fsReason(error)}`;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return `${file.to} is ${specialKind(info)}, not a file`;
    const bytes = readUpTo(fd, STAGE_LIMITS.fileBytes + 1);
    return bytes.length > STAGE_LIMITS.fileBytes ? `${file.to} is larger than ${STAGE_LIMITS.fileBytes / 1024} KB` : bytes;
  } catch (error) {
    return `${file.to} cannot be read: ${fsReason(error)}`;
  } finally {
    closeSync(fd);
  }
}

/** Up to `limit` bytes from `fd` (fewer at its end). */
function readUpTo(fd: number, limit: number): Buffer {
  const buffer = Buffer.alloc(limit);
  let size = 0;
  while (size < limit) {
    const n = readSync(fd, buffer, size, limit - size, null);
    if (n === 0) break;
    size += n;
  }
  return buffer.subarray(0, size);
}
