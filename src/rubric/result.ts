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

/** One finding, as reported. */
export interface ResultFinding {
  readonly check: string;
  readonly rule: string;
  readonly message: string;
  readonly routine: string | null;
  readonly context: string | null;
  readonly cpu: number | null;
  readonly irql: number | null;
  readonly lock?: string;
  readonly target?: string;
  readonly name?: string;
  readonly locks?: readonly string[];
  readonly location: Location | null;
  /** The source line at `location`. */
  readonly source: string | null;
  readonly related: readonly ResultRelated[];
  readonly details?: readonly string[];
  /** How many schedules showed it. */
  readonly schedulesFailed: number;
  /** The schedule code of its first schedule, and the command that replays it. */
  readonly schedule: string | null;
  readonly replay: string | null;
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
  /** For dfs: whether the bounded space was exhausted. */
  readonly exhausted: boolean | null;
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
}
