/**
 * An exercise's contract (`routines` and `fields` in exercise.json: what its
 * README promises) held against its reference solution: every declared
 * routine must run and every declared field be touched when the solution is
 * graded, so the declaration a rubric is checked against cannot drift from
 * the exercise.
 */
import type { CoverageSeen } from '../explore/index.js';
import type { Exercise } from '../rubric/catalog.js';

/** What of `exercise`'s contract the reference solution's grading never saw, as a sentence; null when it saw all of it. */
export function contractProblem(exercise: Exercise, seen: CoverageSeen | null): string | null {
  if (seen === null) return 'the reference solution\'s grading did not finish, so the exercise\'s routines and fields could not be checked';
  const routines = (exercise.routines ?? []).filter((routine) => !seen.routines.includes(routine));
  const fields = (exercise.fields ?? []).filter((field) => !seen.paths.includes(field));
  if (routines.length === 0 && fields.length === 0) return null;
  const parts = [
    routines.length === 0 ? '' : `routine(s) ${routines.map((r) => `\`${r}\``).join(', ')} never ran`,
    fields.length === 0 ? '' : `field(s) ${fields.map((f) => `\`${f}\``).join(', ')} were never touched`,
  ].filter((part) => part !== '');
  return `exercise.json declares what the reference solution does not do: ${parts.join('; ')} (in any schedule). Fix "routines"/"fields" in exercise.json, or the solution`;
}
