/**
 * What a Gradescope autograder zip holds, at its top (Gradescope's layout):
 * `setup.sh` and `run_autograder` (executable), a `package.json` and its
 * `package-lock.json` depending on the bundled `spinlab-<version>.tgz`,
 * `graders/<id>/` (the full rubric and the scenario; solutions, mutants and
 * the do-nothing driver are staff proofs, left out) and, for a course's own
 * exercise, `exercises/<id>/` beside it, where spinlab finds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { runScript, setupScript } from './autograder-scripts.js';
import type { ZipFile } from './zip-write.js';

/** The grader files that are proofs of the grader (selftest's), not part of grading. */
const PROOFS = new Set(['solution.ts', 'solutions', 'mutants', 'nothing.ts']);

/** What the zip is made from. */
export interface AutograderParts {
  readonly exerciseId: string;
  readonly graderDir: string;
  /** The exercise's folder when it is a course's own (not one spinlab ships), else null. */
  readonly courseExerciseDir: string | null;
  /** The tarball's file name (`spinlab-0.1.0.tgz`) and bytes. */
  readonly tarballName: string;
  readonly tarball: Uint8Array;
  /** The lockfile npm wrote for {@link autograderManifest}. */
  readonly lockfile: string;
  readonly nodeVersion: string;
}

/** The package.json of the autograder: spinlab from the bundled tarball, the graders folder named. */
export function autograderManifest(tarballName: string): string {
  const manifest = { name: 'spinlab-autograder', private: true, description: 'Gradescope autograder made by spinlab gradescope-autograder', dependencies: { spinlab: `file:${tarballName}` }, spinlab: { graders: 'graders' } };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The files of the zip, in a fixed order. */
export function autograderFiles(parts: AutograderParts): ZipFile[] {
  const text = (name: string, content: string, mode = 0o644): ZipFile => ({ name, data: Buffer.from(content), mode });
  return [
    text('setup.sh', setupScript(parts.nodeVersion), 0o755),
    text('run_autograder', runScript(parts.exerciseId), 0o755),
    text('package.json', autograderManifest(parts.tarballName)),
    text('package-lock.json', parts.lockfile),
    { name: parts.tarballName, data: parts.tarball },
    ...folderFiles(parts.graderDir, `graders/${parts.exerciseId}`, (name) => !PROOFS.has(name)),
    ...(parts.courseExerciseDir === null ? [] : folderFiles(parts.courseExerciseDir, `exercises/${parts.exerciseId}`, () => true)),
  ];
}

/** The files under `dir` as zip entries under `prefix`, sorted; `keep` picks the top-level names. */
function folderFiles(dir: string, prefix: string, keep: (name: string) => boolean): ZipFile[] {
  const names = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => keep(path.split(sep)[0]!))
    .sort();
  return names.map((path) => ({ name: `${prefix}/${path.split(sep).join('/')}`, data: readFileSync(join(dir, path)) }));
}
