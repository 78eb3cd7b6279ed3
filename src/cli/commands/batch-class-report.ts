/** The class as a whole, written beside a batch's grades.csv: items.csv and report.html, from every result the batch has (kept by `--resume` or just graded). */
import { join } from 'node:path';
import { classFigures, forExcel, renderClassReportHtml, renderItemsCsv, type ClassFigures } from '../../report/index.js';
import type { GradeResult } from '../../rubric/result.js';
import { spinlabVersion } from '../../version.js';
import { writeAtomic } from '../atomic-write.js';

/** Writes `<out>/items.csv` (for Excel with `excel`, as grades.csv) and `<out>/report.html`; returns the figures for the closing summary. */
export function writeClassReport(out: string, results: readonly GradeResult[], excel: boolean): ClassFigures {
  const figures = classFigures(results);
  const csv = renderItemsCsv(figures);
  writeAtomic(join(out, 'items.csv'), excel ? forExcel(csv) : csv);
  writeAtomic(join(out, 'report.html'), renderClassReportHtml(figures, spinlabVersion()));
  return figures;
}
