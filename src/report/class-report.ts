/**
 * What `spinlab batch` writes about a class as a whole, beside grades.csv:
 * items.csv (a row per rubric item: its failure rate and mean points),
 * report.html (see `class-report-html.ts`), and the line naming the items
 * most lost in batch's closing summary.
 */
import { mostLost, type ClassFigures } from './class-figures.js';
import { csvCell } from './sanitize.js';

export { renderClassReportHtml } from './class-report-html.js';

/** The columns of items.csv. */
export const ITEMS_CSV_COLUMNS = ['item', 'title', 'visibility', 'maxPoints', 'students', 'lost', 'lostPercent', 'graded', 'gradedLost', 'meanPoints'] as const;

/** items.csv (RFC 4180, every cell through {@link csvCell}): one row per item, in rubric order. */
export function renderItemsCsv(figures: ClassFigures): string {
  const lines = [ITEMS_CSV_COLUMNS.join(',')];
  for (const item of figures.items) {
    lines.push([item.id, item.title, item.visibility, item.maxPoints, item.students, item.lost, item.lostPercent, item.graded, item.gradedLost, item.meanPoints].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** `most lost: count-exact 67% (4 of 6), …` for the top `count` items, or null when no student lost any. Item ids come from the rubric, not from students. */
export function mostLostLine(figures: ClassFigures, count: number): string | null {
  const items = mostLost(figures, count);
  if (items.length === 0) return null;
  return `most lost: ${items.map((item) => `${item.id} ${item.lostPercent}% (${item.lost} of ${item.students})`).join(', ')}`;
}
