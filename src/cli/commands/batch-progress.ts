/** Batch progress: a bar on a TTY (done/total, failures, ETA), plain periodic lines otherwise; the closing summary from the class figures (submission names made visible). */
import type { CommandIo } from '../io.js';
import { join } from 'node:path';
import { guardLines, mostLostLine, visibleText, type ClassFigures } from '../../report/index.js';
import type { GradeResult } from '../../rubric/result.js';

const LINE_EVERY_MS = 5_000;

/** Tracks and shows a batch's progress on stderr. */
export class BatchProgress {
  private finished = 0;
  private belowFull = 0;
  private failed = 0;
  private readonly started = Date.now();
  private lastLine = 0;

  constructor(
    private readonly io: CommandIo,
    private readonly total: number,
    private readonly resumed: number,
  ) {
    if (resumed > 0) io.err(`resuming: ${resumed} submission(s) already graded\n`);
    if (total === 0) io.err('nothing to grade\n');
  }

  /** One more submission is graded. */
  done(result: GradeResult): void {
    this.finished++;
    if (result.status !== 'graded') this.failed++;
    else if (result.score < result.maxScore) this.belowFull++;
    const now = Date.now();
    const elapsed = now - this.started;
    const eta = this.finished === 0 ? 0 : Math.round(((elapsed / this.finished) * (this.total - this.finished)) / 1000);
    const text = `${this.finished}/${this.total} graded · ${this.belowFull} below full · ${this.failed} not graded · ETA ${clock(eta)}`;
    if (this.io.tty) {
      const width = 24;
      const filled = Math.round((this.finished / Math.max(1, this.total)) * width);
      this.io.err(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\u001b[K`);
    } else if (now - this.lastLine >= LINE_EVERY_MS || this.finished === this.total) {
      this.lastLine = now;
      this.io.err(`${text}\n`);
    }
  }

  /** The bar is done. */
  finish(): void {
    if (this.io.tty && this.total > 0) this.io.err('\n');
  }

  /** Count per status, mean score, the items most lost, slowest submissions (their names are the students' folder and file names: made visible), where the files are in `out`. */
  summary(figures: ClassFigures, out: string): string {
    const statuses = Object.entries(figures.statuses).filter(([, n]) => n > 0);
    const slowest = figures.slowest.slice(0, 3);
    const lines = [
      `${figures.students} submission(s): ${statuses.map(([status, n]) => `${n} ${status}`).join(', ') || 'none'}`,
      `mean score ${figures.mean.toFixed(2)}/${figures.maxScore}`,
      mostLostLine(figures, 3) ?? '',
      slowest.length === 0 ? '' : `slowest: ${slowest.map((r) => `${visibleText(r.submission)} (${(r.totalMs / 1000).toFixed(1)} s)`).join(', ')}`,
      `grades: ${visibleText(join(out, 'grades.csv'))}`,
      `class report: ${visibleText(join(out, 'report.html'))} (items: items.csv)`,
      '',
    ].filter((line, i, all) => line !== '' || i === all.length - 1);
    return guardLines(lines.join('\n'));
  }
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
