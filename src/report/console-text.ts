/**
 * The console output a text report shows: what the driver printed in the
 * schedule of the first finding the report shows with a schedule — the one
 * whose replay command it prints — each line labelled with the CPU and
 * routine that printed it, cut at whole lines with how many more there were.
 */
import type { ResultFinding, ResultItem, ResultOutput } from '../rubric/result.js';
import { quoteLines } from './sanitize.js';

/** Lines of output a report shows. */
export const SHOWN_LINES = 20;

/** The output section: a heading and the lines under it, or null when there is nothing to show. */
export interface ConsoleSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

/**
 * What the report of `items` (lost items first finding, or every finding
 * with `all`) and `unscored` shows of the driver's output. With a shown
 * finding from a schedule, only that schedule's output (none when it printed
 * nothing); with none, the first lines printed in the exploration
 * (`explored`, whatever schedules printed them).
 */
export function consoleSection(items: readonly ResultItem[], unscored: readonly ResultFinding[], explored: string, all: boolean): ConsoleSection | null {
  const shown = [...items.filter((item) => !item.passed).flatMap((item) => (all ? item.findings : item.findings.slice(0, 1))), ...unscored];
  const failing = shown.find((finding) => finding.schedule !== null);
  if (failing !== undefined) return failing.output === undefined ? null : scheduleSection(failing, failing.output);
  if (explored.trim() === '') return null;
  return { heading: 'Your driver printed (console output never changes the score):', lines: cut(explored.trimEnd().split('\n').map((line) => quoteLines(line)), 0) };
}

function scheduleSection(finding: ResultFinding, output: ResultOutput): ConsoleSection {
  const labels = output.lines.map((line) => [line.cpu === null ? null : `CPU ${line.cpu}`, line.routine].filter((part) => part !== null).join(' '));
  const width = Math.max(...labels.map((label) => label.length));
  const lines = output.lines.map((line, i) => quoteLines(line.text, `  ${labels[i]!.padEnd(width)} | `));
  return {
    heading: `Your driver printed, in schedule ${finding.schedule ?? ''} (the ${finding.check} finding above; console output never changes the score):`,
    lines: cut(lines, output.more),
  };
}

/** The first {@link SHOWN_LINES} of `lines`, then how many were left out (those past `lines` included). */
function cut(lines: readonly string[], beyond: number): string[] {
  const hidden = Math.max(0, lines.length - SHOWN_LINES) + beyond;
  return [...lines.slice(0, SHOWN_LINES), ...(hidden === 0 ? [] : [`  ${hidden} more line${hidden === 1 ? '' : 's'} not shown`])];
}
