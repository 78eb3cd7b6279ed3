/** Folding in the text report: a finding that follows from another is one line pointing at its cause, and the cause lists what follows from it. */
import type { ResultFindingRef } from '../rubric/result.js';
import { placeOf } from './place.js';

/** `held-at-return at driver.ts:74:5 (DispatchWrite)`, `invariant progress` */
function named(ref: ResultFindingRef): string {
  const where = placeOf(ref.location);
  return `${ref.check}${ref.name === undefined ? '' : ` ${ref.name}`}${where === '' ? '' : ` at ${where}`}${ref.routine === null || ref.name !== undefined ? '' : ` (${ref.routine})`}`;
}

/** The one line that stands for a finding folded under `cause`. */
export function foldedLine(cause: ResultFindingRef): string {
  return `  ↳ follows from ${named(cause)}: fix that first (run the same spinlab check with --json for this one's details)`;
}

/** The lines under a cause's block: one per finding that follows from it. */
export function consequenceLines(consequences: readonly ResultFindingRef[] | undefined): string[] {
  return (consequences ?? []).map((ref) => `  ↳ causes ${named(ref)}`);
}
