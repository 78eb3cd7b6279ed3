/** The JSON report: the result itself, stable key order, two-space indent. */
import type { GradeResult } from '../rubric/result.js';

/** Renders one result as JSON. */
export function renderJson(result: GradeResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
