/** How `spinlab check --watch` starts each run's output, so only the latest run is read. */

/** Clears a terminal and its scrollback, and puts the cursor home (ED 3, ED 2, CUP): the previous run is gone, not scrolled up. */
export const CLEAR_SCREEN = '\u001b[3J\u001b[2J\u001b[H';

/** What a run of `--watch` prints first: a cleared screen on a terminal; in a pipe or a log, where control codes would be noise, a separator line with the run's number. */
export function watchScreenStart(tty: boolean, run?: number): string {
  if (tty) return CLEAR_SCREEN;
  return `${'─'.repeat(20)} spinlab check${run === undefined ? '' : ` · run ${run}`} ${'─'.repeat(20)}\n`;
}
