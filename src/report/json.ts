/** The JSON report: the result itself, stable key order, two-space indent, its bytes inert (see {@link inertJson}). */
import type { GradeResult } from '../rubric/result.js';
import { inertJson } from './sanitize.js';

/** Renders one result as JSON. */
export function renderJson(result: GradeResult): string {
  return `${inertJson(result, 2)}\n`;
}
