/**
 * The result JSON: the contract every report format is made from.
 * `schemas/result.schema.json` describes it; every result validates against it.
 */
import type { Visibility, Credit } from './rubric.js';
import type { Diagnostic } from '../sandbox/diagnostic.js';

/**
 * How grading a submission ended. `crashed`, `timed-out` and `compile-error`
 * are the submission's doing; `grader-error` is the grader's own failure (a
 * scenario that throws, a bug in spinlab): the items it left undecided are
 * lost, never given, and staff commands exit 2.
 */
export type GradeStatus = 'graded' | 'compile-error' | 'timed-out' | 'crashed' | 'grader-error';

/** A place in the student's TypeScript. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Another site a finding points to. */
export interface ResultRelated {
  readonly label: string;
  readonly routine: string | null;
  readonly cpu: number | null;
  readonly locks?: readonly string[];
  readonly location: Location | null;
  readonly source: string | null;
}

/** Another finding, named by a finding folded under it or over it. */
export interface ResultFindingRef {
  readonly check: string;
  readonly routine: string | null;
  /** The invariant's name, for an invariant. */
  readonly name?: string;
  readonly location: Location | null;
}

/** One finding, as reported. */
export interface ResultFinding {
  readonly check: string;
  readonly rule: string;
  readonly message: string;
  readonly routine: string | null;
  readonly context: string | null;
  readonly cpu: number | null;
  readonly irql: number | null;
  /** What happened, when its cure differs from the check's ordinary one (see FINDING_CAUSES in src/checks/finding.ts): the help line is chosen by it. */
  readonly cause?: string;
  readonly lock?: string;
  readonly target?: string;
  readonly name?: string;
  readonly locks?: readonly string[];
  readonly location: Location | null;
  /** The source line at `location`. */
  readonly source: string | null;
  readonly related: readonly ResultRelated[];
  readonly details?: readonly string[];
  /**
   * For a finding of the all-paths rule (decided on the source, in no
   * schedule: `schedulesFailed` 0, no schedule code): the path that shows
   * it, as the student's lines.
   */
  readonly path?: readonly number[];
  /**
   * The finding this one follows from (a hang from a leaked lock, an
   * invariant never reached because its schedule stopped): shown as one line
   * under it. Presentation only: it still counts against its own items.
   */
  readonly causedBy?: ResultFindingRef;
  /** The findings that follow from this one (each names it as `causedBy`). */
  readonly consequences?: readonly ResultFindingRef[];
  /** How many schedules showed it. */
  readonly schedulesFailed: number;
  /** The schedule code of its first schedule, and the command that replays it. */
  readonly schedule: string | null;
  readonly replay: string | null;
  /** What the driver printed in that schedule (present when it printed anything). */
  readonly output?: ResultOutput;
}

/** One schedule's console output: its first lines, each with the CPU and routine that printed it, and how many more lines there were. */
export interface ResultOutput {
  readonly lines: readonly { readonly cpu: number | null; readonly routine: string | null; readonly text: string }[];
  readonly more: number;
}

/** One rubric item, graded. */
export interface ResultItem {
  readonly id: string;
  readonly title: string;
  readonly check: string;
  readonly points: number;
  readonly maxPoints: number;
  readonly passed: boolean;
  readonly visibility: Visibility;
  readonly credit: Credit;
  readonly schedulesRun: number;
  readonly schedulesFailed: number;
  /**
   * The index (0-based, in the order explored) of the first schedule that
   * failed the item on its own evidence; null when none did, or the item is
   * not decided by exploring (the type-check). Schedules to first detection
   * is this + 1.
   */
  readonly firstFailedSchedule: number | null;
  /**
   * For an invariant item: how many of the failing schedules stopped (a bug
   * check, a deadlock, a hang) before the final state it judges, so it was
   * never judged in them. Those count against its own points, not against
   * the items that require it (see requirements.ts).
   */
  readonly schedulesUnreached?: number;
  readonly findings: readonly ResultFinding[];
  /** The items this one counts only with (the rubric's `requires`), when it has any. */
  readonly requires?: readonly string[];
  /** Those of them that did not pass, when any did not: the item is then lost, whatever its own verdict. */
  readonly unmet?: readonly string[];
  /** Whether it passed on its own evidence, before its requirements applied (present with `requires`). */
  readonly passedOwn?: boolean;
}

/** The exploration that was run. */
export interface ResultExploration {
  readonly strategy: string;
  readonly seed: number;
  /** Planned. */
  readonly schedules: number;
  readonly schedulesRun: number;
  readonly cpus: number | null;
  readonly maxSteps: number;
  /** For dfs and idb: whether the bounded space was exhausted (null for the other strategies, and when the exploration did not finish). */
  readonly exhausted: boolean | null;
  /** Once the exploration finished with fault runs on: the faultable call sites reached and the fault runs made (beyond `schedulesRun`). */
  readonly faults?: { readonly sites: number; readonly runs: number };
  /** For pct, once the exploration finished: the figures of its guarantee. */
  readonly pct?: ResultPct;
  /** For dfs and idb, once the exploration finished: what the search covered. */
  readonly bounded?: ResultBounded;
}

/** PCT's guarantee: each schedule finds a bug of depth d with probability ≥ 1/(n·k^(d−1)). */
export interface ResultPct {
  /** d. */
  readonly depth: number;
  /** n: the most schedulable things (contexts, DPC and interrupt deliveries) one schedule chose among. */
  readonly threads: number;
  /** k: the longest schedule, in decisions. */
  readonly steps: number;
}

/** What a bounded search (dfs: preemptions, idb: delays) covered. */
export interface ResultBounded {
  readonly measure: 'preemptions' | 'delays';
  /** C, the largest bound searched. */
  readonly bound: number;
  /** The largest c such that every schedule with at most c ran; null when not even every schedule with 0 did. */
  readonly coveredBound: number | null;
  /** Schedules run with exactly 0, 1, … (one entry per bound started). */
  readonly schedulesPerBound: readonly number[];
  /**
   * Every schedule within C ran, every one was decided, and no schedule had
   * any finding: "no violation within C", a proof for this scenario.
   */
  readonly verified: boolean;
}

/**
 * Line coverage: which lines of the student's functions never ran in any
 * schedule, so spinlab cannot vouch for them. Information only: no point
 * depends on it.
 */
export interface ResultCoverage {
  /** The statements of the student's functions (module top level aside: it runs at load), and how many of them ran in some schedule. */
  readonly statements: { readonly total: number; readonly ran: number };
  /**
   * Lines holding a statement that ran in no schedule, merged into ranges
   * (lines without a statement between them — blank, comment, a closing
   * brace — do not split one; a line where a statement ran does), by file
   * in bundle order, then by line.
   */
  readonly neverRan: readonly ResultNeverRan[];
  /** Ranges left out of `neverRan` to keep the result small (0 when it lists them all). */
  readonly omitted: number;
}

/** Lines `from`…`to` of `file` (1-based, inclusive) never ran. */
export interface ResultNeverRan {
  readonly file: string;
  readonly from: number;
  readonly to: number;
  /** The function they are in, by its name in the source (the nearest named one around them); null when none has a name. */
  readonly routine: string | null;
}

/** Milliseconds by phase (the only part of a result that varies between identical runs). */
export interface ResultTiming {
  readonly compileMs: number;
  readonly typecheckMs: number;
  readonly exploreMs: number;
  readonly totalMs: number;
}

/** A graded submission. */
export interface GradeResult {
  readonly spinlab: string;
  readonly exercise: string;
  readonly submission: string;
  /** The student's entry file that was graded, relative to the submission folder (the expected name when it was not found). */
  readonly entry?: string;
  readonly status: GradeStatus;
  readonly score: number;
  readonly maxScore: number;
  /** Why the status is not `graded`, in a sentence. */
  readonly message: string | null;
  readonly exploration: ResultExploration;
  readonly timing: ResultTiming;
  readonly items: readonly ResultItem[];
  /** Findings no rubric item looks at: reported, not scored (at most 10). */
  readonly unscored: readonly ResultFinding[];
  readonly diagnostics: readonly Diagnostic[];
  /** What the driver printed with console.log (capped; never interpreted). */
  readonly output: string;
  /** Which lines never ran, when the exploration finished (absent otherwise: nothing is known of them). */
  readonly coverage?: ResultCoverage;
}
