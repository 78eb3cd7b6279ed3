/**
 * The exercises spinlab ships (exercises/<id>/exercise.json) and their
 * graders (graders/<id>/, or a graders folder kept elsewhere).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpinlabError } from '../errors.js';
import { validateAgainst } from './schemas.js';

/** An exercise and where its files are. */
export interface Exercise {
  readonly id: string;
  readonly title: string;
  readonly topic: string;
  readonly order: number;
  /** The student's entry file name (driver.ts). */
  readonly student: string;
  readonly wdk: readonly string[];
  /** exercises/<id>/ */
  readonly dir: string;
  /** The grader folder: scenario.ts, rubric.json, solutions, mutants. */
  readonly graderDir: string;
}

/** Where a grader folder lives: the package's graders/, or one given with --graders. */
export interface CatalogOptions {
  readonly graders?: string;
}

/** The spinlab package root (where exercises/ and graders/ are). */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../..');
}

/**
 * Every exercise, in order: the package's, and — when a graders folder is
 * given — those in the `exercises/` folder beside it (a course's own, made
 * with `spinlab new`), which win on the same id. Throws
 * SPINLAB_EXERCISE_INVALID on a bad manifest.
 */
export function listExercises(options: CatalogOptions = {}): Exercise[] {
  const roots = [join(packageRoot(), 'exercises')];
  if (options.graders !== undefined) roots.push(join(resolve(options.graders), '..', 'exercises'));
  const byId = new Map<string, Exercise>();
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || !existsSync(join(root, entry.name, 'exercise.json'))) continue;
      const exercise = readExercise(join(root, entry.name), options);
      byId.set(exercise.id, exercise);
    }
  }
  return [...byId.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The exercise with `id`. Throws SPINLAB_EXERCISE_UNKNOWN, naming the known ids. */
export function findExercise(id: string, options: CatalogOptions = {}): Exercise {
  const all = listExercises(options);
  const found = all.find((exercise) => exercise.id === id);
  if (found !== undefined) return found;
  throw new SpinlabError(
    'SPINLAB_EXERCISE_UNKNOWN',
    `no exercise \`${id}\`; known exercises: ${all.map((e) => e.id).join(', ') || '(none)'}`,
    'run `spinlab list` to see them',
  );
}

/** The exercise a folder belongs to (it holds an exercise.json), if any. */
export function exerciseInFolder(folder: string, options: CatalogOptions = {}): Exercise | undefined {
  const manifest = join(folder, 'exercise.json');
  if (!existsSync(manifest)) return undefined;
  const local = readExercise(folder, options);
  return findExercise(local.id, options);
}

/** Reads and validates exercises/<id>/exercise.json. */
export function readExercise(dir: string, options: CatalogOptions = {}): Exercise {
  const file = join(dir, 'exercise.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpinlabError('SPINLAB_EXERCISE_INVALID', `${file}: not valid JSON (${(error as Error).message})`);
  }
  const errors = validateAgainst('exercise', data);
  if (errors.length > 0) throw new SpinlabError('SPINLAB_EXERCISE_INVALID', `${file} is not a valid exercise manifest:\n  ${errors.join('\n  ')}`);
  const manifest = data as { id: string; title: string; topic: string; order?: number; student?: string; wdk?: string[] };
  const graders = options.graders === undefined ? join(packageRoot(), 'graders') : resolve(options.graders);
  return {
    id: manifest.id,
    title: manifest.title,
    topic: manifest.topic,
    order: manifest.order ?? Number.MAX_SAFE_INTEGER,
    student: manifest.student ?? 'driver.ts',
    wdk: manifest.wdk ?? [],
    dir,
    graderDir: join(graders, manifest.id),
  };
}
