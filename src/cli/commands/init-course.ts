/**
 * `spinlab init-course DIR`: the two repositories a course pushes as they
 * are — DIR/student-template (GitHub Classroom's template) and
 * DIR/graders-private (staff only). See src/course/course-repos.ts.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SpinlabError } from '../../errors.js';
import { findExercise, hasGrader, listExercises, requireGrader, type CatalogOptions, type Exercise } from '../../rubric/catalog.js';
import { loadRubric } from '../../rubric/load-rubric.js';
import { PRIVATE_REPO, STUDENT_REPO, writeCourseRepos } from '../../course/course-repos.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage } from '../options.js';

/** Options of `spinlab init-course`. */
export interface InitCourseFlags {
  readonly exercises?: string;
  readonly graders?: string;
  readonly tarball?: string;
}

/**
 * Makes both repositories in `dir`: exit 0; exit 1 when they are written but
 * a lockfile could not be made (npm offline with nothing cached: run the
 * printed command before pushing). Refuses (exit 2, nothing written) a `dir`
 * that is a file or a folder with anything in it, an unknown exercise, one
 * without a grader, and a rubric that does not load.
 */
export async function runInitCourse(dir: string, flags: InitCourseFlags, io: CommandIo): Promise<ExitCode> {
  const target = resolve(dir);
  const existed = existsSync(target);
  if (existed && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw usage(`${dir} already exists and is not an empty folder; init-course writes a new course into an empty or new one`, 'name a new folder');
  }
  const exercises = chosenExercises(flags);
  let made;
  try {
    made = await writeCourseRepos(target, exercises, flags.tarball === undefined ? undefined : resolve(flags.tarball));
  } catch (error) {
    // Nothing half made is left behind: a second run would refuse the folder.
    if (existed) for (const repo of [STUDENT_REPO, PRIVATE_REPO]) rmSync(join(target, repo), { recursive: true, force: true });
    else rmSync(target, { recursive: true, force: true });
    throw error;
  }
  const shown = (path: string) => {
    const near = relative(process.cwd(), path);
    return near === '' ? '.' : near.startsWith('..') ? path : near;
  };
  io.out(
    [
      `created ${shown(made.student)}/   the student template: ${exercises.length} exercise(s), visible-only rubrics, .github/workflows/classroom.yml`,
      `created ${shown(made.private)}/   staff only: full graders (solutions, mutants), .github/workflows/grade-class.yml`,
      `both install spinlab from vendor/${made.tarball}`,
      '',
      'next: push each as its own repository (the graders one private), and use the first as the template of a GitHub Classroom assignment:',
      `  cd ${shown(made.student)} && git init -b main && git add -A && git commit -m "Course template" && git remote add origin <url> && git push -u origin main`,
      '',
    ].join('\n'),
  );
  for (const { repo, why } of made.lockfileProblems) {
    io.err(`spinlab: no package-lock.json in ${shown(repo)} (npm: ${why}); npm ci needs one: run \`npm install --package-lock-only\` there, online, before pushing\n`);
  }
  return made.lockfileProblems.length === 0 ? ExitCode.Ok : ExitCode.BelowFull;
}

/** `--exercises a,b` (each known, with a grader), or every exercise that has a grader; each rubric loads. */
function chosenExercises(flags: InitCourseFlags): Exercise[] {
  const options: CatalogOptions = flags.graders === undefined ? {} : { graders: flags.graders };
  let exercises: Exercise[];
  if (flags.exercises === undefined) {
    const all = listExercises(options);
    exercises = all.filter(hasGrader);
    // None has a grader: say where spinlab looked, as any command does.
    if (exercises.length === 0 && all[0] !== undefined) requireGrader(all[0], options);
    if (exercises.length === 0) throw usage('there is no exercise to make a course of', 'make one with `spinlab new <id>`');
  } else {
    const ids = [...new Set(flags.exercises.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
    if (ids.length === 0) throw usage('--exercises names no exercise', 'give ids separated by commas: --exercises 01-initialize-lock,02-executive-lock');
    exercises = ids.map((id) => findExercise(id, options));
    for (const exercise of exercises) requireGrader(exercise, options);
  }
  for (const exercise of exercises) {
    const loaded = loadRubric(join(exercise.graderDir, 'rubric.json'), exercise.id);
    if (loaded.errors !== undefined) {
      throw new SpinlabError('SPINLAB_RUBRIC_INVALID', `${join(exercise.graderDir, 'rubric.json')} is not a valid rubric:\n  ${loaded.errors.join('\n  ')}`, 'fix it (`spinlab doctor` checks every rubric), then run init-course again');
    }
  }
  return exercises;
}
