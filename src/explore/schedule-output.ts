/**
 * What a driver printed in one schedule (console.log and the like), line by
 * line, each line with the CPU and routine that printed it: the output a
 * report shows beside the finding whose schedule it is.
 */

/** Who printed a line: the CPU and routine running when it was printed (null before any routine runs). */
export interface PrintSite {
  readonly cpu: number | null;
  readonly routine: string | null;
}

/** One printed line. */
export interface PrintedLine extends PrintSite {
  readonly text: string;
}

/** One schedule's printed lines: the first {@link MAX_LINES}, and how many more there were. */
export interface ScheduleOutput {
  readonly lines: readonly PrintedLine[];
  /** Lines printed after those kept. */
  readonly more: number;
}

/** Lines kept per schedule. */
export const MAX_LINES = 40;
/** Characters kept of one line (the rest is cut with `…`). */
export const MAX_LINE_CHARS = 240;

/** Collects one schedule's output as whole lines (the sandbox's console ends every print with a line break). */
export class OutputRecorder {
  private readonly lines: PrintedLine[] = [];
  private more = 0;

  /** `text` printed by `site` (a print may hold several lines). */
  print(text: string, site: PrintSite): void {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) {
      if (this.lines.length >= MAX_LINES) this.more++;
      else this.lines.push({ cpu: site.cpu, routine: site.routine, text: line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line });
    }
  }

  /** What was printed, or null when nothing was. */
  output(): ScheduleOutput | null {
    return this.lines.length === 0 ? null : { lines: [...this.lines], more: this.more };
  }
}
