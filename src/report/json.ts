/** The JSON report: the result itself, stable key order, two-space indent, its bytes inert (see {@link inertJson}), within the size bound. */
import type { GradeResult } from '../rubric/result.js';
import { inertJson } from './sanitize.js';
import { renderWithin } from './within-bound.js';

/** Renders one result as JSON (a result file of `spinlab batch`, `--format json`). */
export function renderJson(result: GradeResult): string {
  return renderWithin(result, (within) => `${inertJson(within, 2)}\n`);
}
