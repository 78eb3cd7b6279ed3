/** Batch progress: a bar on a TTY (done/total, failures, ETA), plain periodic lines otherwise; the closing summary (submission names made visible). */
import type { CommandIo } from '../io.js';
import { guardLines, visibleText } from '../../report/index.js';
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

  /** Count per status, mean score, slowest submissions (their names are the students' folder and file names: made visible). */
  summary(results: readonly GradeResult[], csv: string): string {
    const byStatus = new Map<string, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    const mean = results.length === 0 ? 0 : results.reduce((s, r) => s + r.score, 0) / results.length;
    const max = results[0]?.maxScore ?? 0;
    const slowest = [...results].sort((a, b) => b.timing.totalMs - a.timing.totalMs).slice(0, 3);
    const lines = [
      `${results.length} submission(s): ${[...byStatus].map(([status, n]) => `${n} ${status}`).join(', ') || 'none'}`,
      `mean score ${mean.toFixed(2)}/${max}`,
      slowest.length === 0 ? '' : `slowest: ${slowest.map((r) => `${visibleText(r.submission)} (${(r.timing.totalMs / 1000).toFixed(1)} s)`).join(', ')}`,
      `grades: ${visibleText(csv)}`,
      '',
    ].filter((line, i, all) => line !== '' || i === all.length - 1);
    return guardLines(lines.join('\n'));
  }
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
