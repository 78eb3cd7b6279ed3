/** Resolving what a grading command grades: the exercise, its rubric, the exploration. */
import { join } from 'node:path';
import { SpinlabError } from '../errors.js';
import { rubricReferenceErrors } from '../grade/rubric-references.js';
import { findExercise, requireGrader, type Exercise } from '../rubric/catalog.js';
import { loadRubric } from '../rubric/load-rubric.js';
import type { Exploration, Rubric } from '../rubric/rubric.js';
import { applyOverrides, type GradingFlags } from './options.js';

/** What a grading command works with. */
export interface GradingSetup {
  readonly exercise: Exercise;
  readonly rubric: Rubric;
  readonly exploration: Exploration;
}

/** The exercise `id`, its rubric (bundled, or `--rubric`) and the exploration. Throws SpinlabErrors (exit 2). */
export async function gradingSetup(id: string, flags: GradingFlags): Promise<GradingSetup> {
  const exercise = findExercise(id, { graders: flags.graders });
  return setupFor(exercise, flags);
}

/**
 * The rubric and exploration for an exercise already found. The rubric is
 * checked whole — its schema and rules, then every reference against the
 * scenario and the exercise — before anything is graded.
 */
export async function setupFor(exercise: Exercise, flags: GradingFlags): Promise<GradingSetup> {
  requireGrader(exercise, { graders: flags.graders });
  const file = flags.rubric ?? join(exercise.graderDir, 'rubric.json');
  const loaded = loadRubric(file, exercise.id);
  const errors = loaded.errors ?? (await rubricReferenceErrors(exercise, loaded.rubric));
  if (loaded.rubric === undefined || errors.length > 0) {
    throw new SpinlabError('SPINLAB_RUBRIC_INVALID', `${file} is not a valid rubric:\n  ${errors.join('\n  ')}`, 'see docs/authors.md for the rubric format');
  }
  return { exercise, rubric: loaded.rubric, exploration: applyOverrides(loaded.rubric.exploration, flags) };
}
