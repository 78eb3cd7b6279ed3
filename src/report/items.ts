/** The rubric items a report shows, and their points. */
import { total } from '../rubric/score.js';
import type { GradeResult, ResultItem } from '../rubric/result.js';

/** Who a report is for: `student` sees visible items only (`spinlab check`, CI annotations); `staff` sees every item. */
export type Audience = 'student' | 'staff';

/** The items an audience sees. */
export function itemsFor(result: GradeResult, audience: Audience): readonly ResultItem[] {
  return audience === 'staff' ? result.items : result.items.filter((item) => item.visibility === 'visible');
}

/** The points `items` earned. */
export function pointsOf(items: readonly ResultItem[]): number {
  return total(items);
}

/** The points `items` are worth. */
export function maxPointsOf(items: readonly ResultItem[]): number {
  return total(items.map((item) => ({ points: item.maxPoints })));
}
