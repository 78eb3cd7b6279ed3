/**
 * Where a submission's files are: a folder holding the exercise's student
 * file (or holding it one folder down, as an upload of a whole repository
 * does), or a single .ts file. When it is not there, what was expected and
 * what was found instead — so that the student still gets a result saying
 * so, never an empty one.
 */
import { existsSync, lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { SpinlabError } from '../errors.js';
import type { Exercise } from '../rubric/catalog.js';
import { nearestName } from '../rubric/nearest-name.js';
import { fsReason, printableName } from '../sandbox/file-names.js';

/** A located submission. */
export interface Submission {
  /** The folder its imports must stay inside. */
  readonly root: string;
  /** The student's entry file. */
  readonly entry: string;
  /** How results name it (the path as given). */
  readonly name: string;
  /** Whether it was given as a folder (else as one file). */
  readonly isFolder: boolean;
}

/** Where the submission is, or why it is not there. */
export type Located = { readonly ok: true; readonly submission: Submission } | { readonly ok: false; readonly message: string };

/** How many names a "found instead" list shows. */
const SHOWN = 8;

/**
 * Finds the submission at `path` for `exercise`. Never throws on what is
 * there: a path it cannot read (a loop of links, a folder it may not list)
 * is a reason, as a missing file is.
 */
export function locateSubmission(path: string, exercise: Exercise): Located {
  try {
    return locate(path, exercise);
  } catch (error) {
    return { ok: false, message: `${printableName(path)} cannot be read: ${fsReason(error)}` };
  }
}

function locate(path: string, exercise: Exercise): Located {
  const full = resolve(path);
  const expected = exercise.student;
  const shown = printableName(path);
  if (!existsSync(full)) {
    // A link that leads nowhere, or in a loop, exists as a link: say why it cannot be read.
    if (lstatOrNull(full) !== null) statSync(full);
    const meant = nearestEntry(full);
    const suggestion = meant === undefined ? '' : `; did you mean ${printableName(meant)}?`;
    return { ok: false, message: `no such file or folder: ${shown} (expected a folder holding ${expected}, or the .ts file itself)${suggestion}` };
  }
  if (!statSync(full).isDirectory()) {
    if (full.endsWith('.ts')) return { ok: true, submission: { root: dirname(full), entry: full, name: path, isFolder: false } };
    return { ok: false, message: `${shown} is not a .ts file or a folder: expected ${expected}` };
  }
  if (existsSync(join(full, expected))) return { ok: true, submission: { root: full, entry: join(full, expected), name: path, isFolder: true } };
  const entries = readdirSync(full, { withFileTypes: true }).filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules');
  // An upload of a whole repository, or a zip that unpacks into its own folder: one folder down.
  const nested = entries.filter((e) => e.isDirectory() && existsSync(join(full, e.name, expected))).map((e) => e.name).sort();
  if (nested.length === 1) {
    const root = join(full, nested[0]!);
    return { ok: true, submission: { root, entry: join(root, expected), name: path, isFolder: true } };
  }
  // A course repository uploaded whole (Gradescope, a zip of the template): exercises/<id>/, at the top or one folder down.
  const inCourse = [full, ...nested.length === 0 ? entries.filter((e) => e.isDirectory()).map((e) => join(full, e.name)) : []]
    .map((top) => join(top, 'exercises', exercise.id))
    .filter((dir) => existsSync(join(dir, expected)));
  if (inCourse.length === 1) return { ok: true, submission: { root: inCourse[0]!, entry: join(inCourse[0]!, expected), name: path, isFolder: true } };
  if (nested.length > 1) {
    return { ok: false, message: `expected ${expected} in ${shown}, and found it in ${nested.length} folders (${nested.map((n) => `${printableName(n)}/${expected}`).join(', ')}): submit exactly one` };
  }
  const sources = entries.filter((e) => e.isFile() && /\.(ts|js|mts|mjs)$/.test(e.name)).map((e) => e.name).sort();
  const folders = entries.filter((e) => e.isDirectory()).map((e) => `${e.name}/`).sort();
  const found = [...sources, ...folders];
  const list = found.length === 0 ? 'the folder is empty' : `found ${found.slice(0, SHOWN).map((name) => printableName(name)).join(', ')}${found.length > SHOWN ? ` and ${found.length - SHOWN} more` : ''}`;
  const hint = sources.length > 0 ? `: name your file ${expected}` : '';
  return { ok: false, message: `expected ${expected} in ${printableName(relative(process.cwd(), full) || '.')}; ${list}${hint}` };
}

/** The entry beside a missing path whose name is nearest to its name ("drivr.ts" → "driver.ts"), shown as the path with that name. */
function nearestEntry(full: string): string | undefined {
  try {
    const name = nearestName(basename(full), readdirSync(dirname(full)));
    return name === undefined ? undefined : relative(process.cwd(), join(dirname(full), name));
  } catch {
    return undefined;
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** {@link locateSubmission}, for commands that need the file (replay): throws SPINLAB_SUBMISSION_MISSING. */
export function requireSubmission(path: string, exercise: Exercise): Submission {
  const located = locateSubmission(path, exercise);
  if (located.ok) return located.submission;
  throw new SpinlabError('SPINLAB_SUBMISSION_MISSING', located.message, `pass the folder holding ${exercise.student}, or the .ts file itself`);
}
