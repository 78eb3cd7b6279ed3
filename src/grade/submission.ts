/** Where a submission's files are: a folder holding the exercise's student file, or a single .ts file. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SpinlabError } from '../errors.js';
import type { Exercise } from '../rubric/catalog.js';

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

/** Finds the submission at `path` for `exercise`. Throws SPINLAB_SUBMISSION_MISSING with what was looked for. */
export function locateSubmission(path: string, exercise: Exercise): Submission {
  const full = resolve(path);
  if (!existsSync(full)) {
    throw new SpinlabError('SPINLAB_SUBMISSION_MISSING', `no such file or folder: ${path}`, `pass the folder holding ${exercise.student}, or the .ts file itself`);
  }
  if (statSync(full).isDirectory()) {
    const entry = join(full, exercise.student);
    if (!existsSync(entry)) {
      throw new SpinlabError('SPINLAB_SUBMISSION_MISSING', `${path} has no ${exercise.student}`, `exercise ${exercise.id} expects the student's code in ${exercise.student}`);
    }
    return { root: full, entry, name: path, isFolder: true };
  }
  if (!full.endsWith('.ts')) {
    throw new SpinlabError('SPINLAB_SUBMISSION_MISSING', `${path} is not a .ts file or a folder`, `pass the folder holding ${exercise.student}, or the .ts file itself`);
  }
  return { root: dirname(full), entry: full, name: path, isFolder: false };
}
