/**
 * The exercises spinlab ships (exercises/<id>/exercise.json), a course's own,
 * and their graders. Graders are staff material and not in the published
 * package: they are found through `--graders DIR`, then `SPINLAB_GRADERS`,
 * then a `"spinlab": { "graders": "DIR" }` key in the nearest package.json
 * that has one (the course's repository), then the `graders/` folder beside
 * spinlab itself (a clone of spinlab's own repository).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SpinlabError } from '../errors.js';
import { INSTALL_ROOT } from '../host-paths.js';
import { editDistance } from './nearest-name.js';
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
  /**
   * The routines its README asks for, by name (`routines` in exercise.json):
   * what a rubric item's `routine` may name. Undefined when it declares none.
   */
  readonly routines?: readonly string[];
  /**
   * The lock and field paths its README promises (`fields`): what a rubric
   * item's `target` may name, or hold. Undefined when it declares none.
   */
  readonly fields?: readonly string[];
  /** exercises/<id>/ */
  readonly dir: string;
  /** The grader folder: scenario.ts, rubric.json, solutions, mutants (it may not exist: see {@link requireGrader}). */
  readonly graderDir: string;
}

/** Where to look for graders. */
export interface CatalogOptions {
  /** `--graders DIR` (wins over everything else). */
  readonly graders?: string;
  /** Where the search for a package.json starts (default: the current folder). */
  readonly cwd?: string;
}

/** A graders folder, and what named it (for messages). */
export interface GradersLocation {
  readonly dir: string;
  readonly from: '--graders' | 'SPINLAB_GRADERS' | 'package.json' | 'spinlab';
}

/** The spinlab package root (where exercises/ are, and graders/ in spinlab's own repository). */
export function packageRoot(): string {
  return INSTALL_ROOT;
}

/** The graders folder, by the rule in the file comment; null when there is none. */
export function gradersLocation(options: CatalogOptions = {}): GradersLocation | null {
  if (options.graders !== undefined) return { dir: resolve(options.graders), from: '--graders' };
  const env = process.env.SPINLAB_GRADERS;
  if (env !== undefined && env !== '') return { dir: resolve(env), from: 'SPINLAB_GRADERS' };
  for (let dir = resolve(options.cwd ?? process.cwd()); ; dir = dirname(dir)) {
    const key = gradersKey(join(dir, 'package.json'));
    if (key !== undefined) return { dir: resolve(dir, key), from: 'package.json' };
    if (dirname(dir) === dir) break;
  }
  const bundled = join(packageRoot(), 'graders');
  return existsSync(bundled) ? { dir: bundled, from: 'spinlab' } : null;
}

/** `spinlab.graders` of a package.json, if it has one. */
function gradersKey(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const key = (JSON.parse(readFileSync(file, 'utf8')) as { spinlab?: { graders?: unknown } }).spinlab?.graders;
    return typeof key === 'string' && key !== '' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every exercise, in order: the package's, and those in the `exercises/`
 * folder beside the graders folder (a course's own, made with `spinlab
 * new`), which win on the same id. Throws SPINLAB_EXERCISE_INVALID on a bad
 * manifest.
 */
export function listExercises(options: CatalogOptions = {}): Exercise[] {
  const graders = gradersLocation(options);
  const gradersDir = gradersDirOf(graders);
  const roots = [join(packageRoot(), 'exercises')];
  if (graders !== null) roots.push(join(graders.dir, '..', 'exercises'));
  const byId = new Map<string, Exercise>();
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || !existsSync(join(root, entry.name, 'exercise.json'))) continue;
      const exercise = exerciseAt(join(root, entry.name), gradersDir);
      byId.set(exercise.id, exercise);
    }
  }
  return [...byId.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The exercise with `id`. Throws SPINLAB_EXERCISE_UNKNOWN, suggesting the nearest id and naming the known ones. */
export function findExercise(id: string, options: CatalogOptions = {}): Exercise {
  const all = listExercises(options);
  const found = all.find((exercise) => exercise.id === id);
  if (found !== undefined) return found;
  const ids = all.map((e) => e.id);
  const near = nearest(id, ids);
  throw new SpinlabError(
    'SPINLAB_EXERCISE_UNKNOWN',
    `no exercise \`${id}\`${near === undefined ? '' : `; did you mean \`${near}\`?`} Known exercises: ${ids.join(', ') || '(none)'}`,
    'run `spinlab list` to see them',
  );
}

/** The id a mistyped one most likely meant: the only one it starts, else the closest by edits (at most a third of its length). */
function nearest(id: string, ids: readonly string[]): string | undefined {
  const prefixed = ids.filter((candidate) => candidate.startsWith(id) || candidate.split('-').slice(1).join('-').startsWith(id));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const candidate of ids) {
    const distance = Math.min(editDistance(id, candidate), editDistance(id, candidate.split('-').slice(1).join('-')));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}


/** The exercise a folder holds (its own exercise.json), if any: a course's exercise need not be in any catalog. */
export function exerciseInFolder(folder: string, options: CatalogOptions = {}): Exercise | undefined {
  const manifest = join(folder, 'exercise.json');
  if (!existsSync(manifest)) return undefined;
  return readExercise(folder, { cwd: folder, ...options });
}

/** Whether `exercise` has a grader folder (with its rubric). */
export function hasGrader(exercise: Exercise): boolean {
  return existsSync(join(exercise.graderDir, 'rubric.json'));
}

/** Throws SPINLAB_GRADER_MISSING unless `exercise` has a grader folder, saying where spinlab looked and how to point it at one. */
export function requireGrader(exercise: Exercise, options: CatalogOptions = {}): void {
  if (hasGrader(exercise)) return;
  const graders = gradersLocation(options);
  const looked = graders === null ? 'no graders folder is configured' : `${graders.dir} (from ${graders.from}) has no ${exercise.id}/rubric.json`;
  throw new SpinlabError(
    'SPINLAB_GRADER_MISSING',
    `no grader for ${exercise.id}: ${looked}. Graders are kept by course staff and are not part of the spinlab package`,
    'point spinlab at the course\'s graders folder: "spinlab": { "graders": "<dir>" } in the course repository\'s package.json, SPINLAB_GRADERS=<dir>, or --graders <dir>',
  );
}

/** Reads and validates exercises/<id>/exercise.json. */
export function readExercise(dir: string, options: CatalogOptions = {}): Exercise {
  return exerciseAt(dir, gradersDirOf(gradersLocation(options)));
}

/** The folder exercise graders are in: the located one, else spinlab's own `graders/`. */
function gradersDirOf(graders: GradersLocation | null): string {
  return graders?.dir ?? join(packageRoot(), 'graders');
}

/** {@link readExercise}, its graders folder `gradersDir` already located. */
function exerciseAt(dir: string, gradersDir: string): Exercise {
  const file = join(dir, 'exercise.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpinlabError('SPINLAB_EXERCISE_INVALID', `${file}: not valid JSON (${(error as Error).message})`);
  }
  const errors = validateAgainst('exercise', data);
  if (errors.length > 0) throw new SpinlabError('SPINLAB_EXERCISE_INVALID', `${file} is not a valid exercise manifest:\n  ${errors.join('\n  ')}`);
  const manifest = data as { id: string; title: string; topic: string; order?: number; student?: string; wdk?: string[]; routines?: string[]; fields?: string[] };
  return {
    id: manifest.id,
    title: manifest.title,
    topic: manifest.topic,
    order: manifest.order ?? Number.MAX_SAFE_INTEGER,
    student: manifest.student ?? 'driver.ts',
    wdk: manifest.wdk ?? [],
    ...(manifest.routines === undefined ? {} : { routines: manifest.routines }),
    ...(manifest.fields === undefined ? {} : { fields: manifest.fields }),
    dir,
    graderDir: join(gradersDir, manifest.id),
  };
}
