/** Every report within {@link MAX_REPORT_BYTES}, whatever the driver did: rendered from the result cut level by level until it fits. */
import { capResult, MAX_REPORT_BYTES, RESULT_LIMITS } from '../rubric/result-limits.js';
import type { GradeResult } from '../rubric/result.js';

/**
 * `render` of `result` at the first level of {@link RESULT_LIMITS} whose
 * output is at most {@link MAX_REPORT_BYTES} in UTF-8, else at the last
 * level (which only a rubric of hundreds of items could keep above the
 * bound). An ordinary result fits at the first level, unchanged.
 */
export function renderWithin(result: GradeResult, render: (result: GradeResult) => string): string {
  let out = '';
  for (const limits of RESULT_LIMITS) {
    out = render(capResult(result, limits));
    if (Buffer.byteLength(out, 'utf8') <= MAX_REPORT_BYTES) return out;
  }
  return out;
}
