/**
 * The result's line coverage (`coverage`), from the marks the sandbox
 * gathered over every schedule (src/sandbox/line-coverage.ts): the lines of
 * the student's functions holding a statement that ran in no schedule,
 * merged into ranges a reader takes in at a glance.
 */
import type { ResultCoverage, ResultNeverRan } from '../rubric/result.js';
import type { MarkedStatement } from '../sandbox/line-coverage.js';
import { RESULT_LIMITS } from '../rubric/result-limits.js';

/** The most ranges a result lists (the rest are counted in `omitted`). */
export const MAX_NEVER_RAN = RESULT_LIMITS[0]!.neverRan;

/** What one line of a file holds: whether a statement on it never ran, and that statement's routine. */
interface LineState {
  neverRan: boolean;
  routine: string | null;
}

/**
 * The coverage of `statements` when character `i` of `ran` is `1` exactly
 * for the statements that ran. A line is never-ran when it holds a statement
 * that never ran; consecutive never-ran lines of one routine make a range,
 * and lines without statements between them do not split it.
 */
export function lineCoverage(statements: readonly MarkedStatement[], ran: string): ResultCoverage {
  const files = new Map<string, Map<number, LineState>>();
  let ranCount = 0;
  statements.forEach((statement, i) => {
    const didRun = ran.charCodeAt(i) === 49;
    if (didRun) ranCount++;
    let lines = files.get(statement.file);
    if (lines === undefined) files.set(statement.file, (lines = new Map()));
    const state = lines.get(statement.line);
    if (state === undefined) lines.set(statement.line, { neverRan: !didRun, routine: didRun ? null : statement.routine });
    else if (!didRun && !state.neverRan) {
      state.neverRan = true;
      state.routine = statement.routine;
    }
  });
  const ranges: ResultNeverRan[] = [];
  for (const [file, lines] of files) ranges.push(...neverRanRanges(file, lines));
  return { statements: { total: statements.length, ran: ranCount }, neverRan: ranges.slice(0, MAX_NEVER_RAN), omitted: Math.max(0, ranges.length - MAX_NEVER_RAN) };
}

/** The ranges of one file's never-ran lines. */
function neverRanRanges(file: string, lines: ReadonlyMap<number, LineState>): ResultNeverRan[] {
  const ranges: ResultNeverRan[] = [];
  let open: { from: number; to: number; routine: string | null } | null = null;
  for (const line of [...lines.keys()].sort((a, b) => a - b)) {
    const state = lines.get(line)!;
    if (!state.neverRan) {
      open = null;
      continue;
    }
    if (open !== null && open.routine === state.routine) {
      open.to = line;
      continue;
    }
    open = { from: line, to: line, routine: state.routine };
    ranges.push(open as ResultNeverRan);
  }
  return ranges.map((range) => ({ file, from: range.from, to: range.to, routine: range.routine }));
}
