/**
 * A schedule the grader could not decide: the scenario's own code threw (its
 * `run`, a thread body), an invariant threw, or spinlab itself failed. Such a
 * schedule is evidence of nothing, so the grading that contains it is the
 * grader's failure (`grader-error`), never the student's, and no item passes
 * on it.
 */

/** Whose code failed: the scenario's workload, one of its invariants, or spinlab's own. */
export type UndecidedCause = 'scenario' | 'invariant' | 'internal';

/** Why one schedule was left undecided. */
export interface Undecided {
  readonly cause: UndecidedCause;
  /** The invariant that threw (for `invariant`). */
  readonly invariant?: string;
  /** What was thrown, as `Name: message`. */
  readonly message: string;
  /** Its stack as V8 wrote it: frames in the compiled scenario name `scenario.js:line:column`. */
  readonly stack: string;
}

/** The same, with the schedule it happened in. */
export interface UndecidedSchedule extends Undecided {
  /** 0-based. */
  readonly schedule: number;
}

/** What a workload callback threw, tagged as the scenario's so the schedule's end can say whose failure it was. */
export class ScenarioThrew extends Error {
  constructor(readonly thrown: unknown) {
    super('the scenario threw');
  }
}

/** `error` as an {@link Undecided} of `cause` (a ScenarioThrew is unwrapped to what the scenario threw). */
export function undecidedBy(cause: UndecidedCause, error: unknown, invariant?: string): Undecided {
  const thrown = error instanceof ScenarioThrew ? error.thrown : error;
  return { cause, ...(invariant === undefined ? {} : { invariant }), ...describeThrown(thrown) };
}

/** The message and stack of a thrown value, whatever it is (it may not be an Error, and its getters may throw). */
function describeThrown(thrown: unknown): { message: string; stack: string } {
  try {
    if (thrown instanceof Error) return { message: `${thrown.name}: ${thrown.message}`, stack: String(thrown.stack ?? '') };
    return { message: `a thrown ${typeof thrown}: ${String(thrown).slice(0, 200)}`, stack: '' };
  } catch {
    return { message: 'a thrown value that cannot be described', stack: '' };
  }
}
