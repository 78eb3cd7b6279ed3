/**
 * `spinlab init-course`'s two repositories. The student template holds what a
 * student may see: the exercise folders, each grader's scenario and its
 * visible-only rubric, the Classroom workflow. The private one holds the
 * graders whole (full rubrics, solutions, mutants), the exercise folders
 * (a course's own exercises are found beside its graders) and the sharded
 * batch workflow. Both install spinlab from the same vendored tarball and
 * commit a lockfile, so `npm ci` works in their workflows.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../rubric/catalog.js';
import { copyExerciseFolder, courseManifest, GITATTRIBUTES, gitignore, installedSchema, readmeFrom, withInstalledSchema, writeFile } from './course-files.js';
import { writeLockfile } from './lockfile.js';
import { scenarioFiles } from './scenario-files.js';
import { vendorTarball } from './spinlab-tarball.js';
import { visibleRubric, type RubricJson } from './visible-rubric.js';
import { classroomWorkflow, gradeClassWorkflow } from './workflows.js';

/** The student template's folder name inside the course folder. */
export const STUDENT_REPO = 'student-template';
/** The private graders repository's folder name inside the course folder. */
export const PRIVATE_REPO = 'graders-private';

/** What was made. */
export interface CourseRepos {
  readonly student: string;
  readonly private: string;
  /** The vendored tarball's file name. */
  readonly tarball: string;
  /** Per repository folder, why its lockfile could not be made (empty when both were). */
  readonly lockfileProblems: ReadonlyArray<{ readonly repo: string; readonly why: string }>;
}

/**
 * Writes both repositories into `dir` (which must be empty or absent) for
 * `exercises`, each with a grader whose rubric is valid. `tarball`: a
 * spinlab .tgz to vendor instead of packing the running spinlab.
 */
export async function writeCourseRepos(dir: string, exercises: readonly Exercise[], tarball?: string): Promise<CourseRepos> {
  const student = join(dir, STUDENT_REPO);
  const secret = join(dir, PRIVATE_REPO);
  // Every rubric is made before anything is written: an exercise with nothing visible stops the command with no folder half made.
  const rubrics = exercises.map((exercise) => visibleRubric(JSON.parse(readFileSync(join(exercise.graderDir, 'rubric.json'), 'utf8')) as RubricJson, installedSchema('rubric.schema.json')));
  mkdirSync(join(student, 'vendor'), { recursive: true });
  mkdirSync(join(secret, 'vendor'), { recursive: true });
  const vendored = vendorTarball(join(student, 'vendor'), tarball);
  cpSync(join(student, 'vendor', vendored), join(secret, 'vendor', vendored));
  const ids = exercises.map((exercise) => exercise.id);

  exercises.forEach((exercise, index) => {
    copyExerciseFolder(exercise, student);
    for (const file of scenarioFiles(exercise.graderDir)) cpSync(join(exercise.graderDir, file), join(student, 'graders', exercise.id, file));
    writeFile(join(student, 'graders', exercise.id, 'rubric.json'), `${JSON.stringify(rubrics[index], null, 2)}\n`);

    copyExerciseFolder(exercise, secret);
    cpSync(exercise.graderDir, join(secret, 'graders', exercise.id), { recursive: true });
    const rubric = join(secret, 'graders', exercise.id, 'rubric.json');
    writeFileSync(rubric, withInstalledSchema(readFileSync(rubric, 'utf8')));
    // Batch skips names that start with a dot: the folder is there to be filled, and grades as empty.
    writeFile(join(secret, 'submissions', exercise.id, '.gitkeep'), '');
  });

  writeFile(join(student, 'package.json'), courseManifest('spinlab-course-student', vendored));
  writeFile(join(student, '.gitattributes'), GITATTRIBUTES);
  writeFile(join(student, '.gitignore'), gitignore());
  writeFile(join(student, 'README.md'), readmeFrom('student-README.md', exercises));
  writeFile(join(student, '.github', 'workflows', 'classroom.yml'), classroomWorkflow(ids));

  writeFile(join(secret, 'package.json'), courseManifest('spinlab-course-graders', vendored));
  writeFile(join(secret, '.gitattributes'), GITATTRIBUTES);
  writeFile(join(secret, '.gitignore'), gitignore(['spinlab-results/', 'shard-*/']));
  writeFile(join(secret, 'README.md'), readmeFrom('private-README.md', exercises));
  writeFile(join(secret, '.github', 'workflows', 'grade-class.yml'), gradeClassWorkflow(ids));

  const problems = await Promise.all([student, secret].map(async (repo) => ({ repo, why: await writeLockfile(repo) })));
  return {
    student,
    private: secret,
    tarball: vendored,
    lockfileProblems: problems.filter((p): p is { repo: string; why: string } => p.why !== null),
  };
}
