/**
 * Checks a loaded rubric's references against its exercise before anything
 * is graded: invariant and assertion names against the scenario (evaluated here: it is the
 * grader's own code), routines and targets against the exercise's manifest.
 */
import type { Exercise } from '../rubric/catalog.js';
import { referenceErrors } from '../rubric/references.js';
import type { Rubric } from '../rubric/rubric.js';
import { judgedNames } from '../scenario/index.js';
import { scenarioDefinition } from './grader-scenario.js';

/** Every reference of `rubric` that names nothing, as `/pointer: message` (empty when all are known). Throws SPINLAB_SCENARIO_INVALID when the scenario does not load. */
export async function rubricReferenceErrors(exercise: Exercise, rubric: Rubric): Promise<string[]> {
  const scenario = await scenarioDefinition(exercise);
  return referenceErrors(rubric, { invariants: judgedNames(scenario), routines: exercise.routines, fields: exercise.fields });
}
