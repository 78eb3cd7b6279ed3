/**
 * Errors for grader, rubric and usage problems (never for a student's bug:
 * those are outcomes). Each has a stable `code` and a `hint` saying what to do.
 */

/** Stable error codes. */
export type SpinlabErrorCode =
  | 'SPINLAB_USAGE'
  | 'SPINLAB_EXERCISE_UNKNOWN'
  | 'SPINLAB_EXERCISE_INVALID'
  | 'SPINLAB_RUBRIC_INVALID'
  | 'SPINLAB_SUBMISSION_MISSING'
  | 'SPINLAB_SCHEDULE_INVALID'
  /** A schedule code damaged in copy-paste (its checksum fails), as against one that no longer matches the driver. */
  | 'SPINLAB_SCHEDULE_MISTYPED'
  | 'SPINLAB_SCENARIO_INVALID'
  | 'SPINLAB_RESULT_INVALID'
  | 'SPINLAB_GRADER_MISSING'
  | 'SPINLAB_SANDBOX_UNAVAILABLE'
  | 'SPINLAB_OUTPUT_UNWRITABLE'
  | 'SPINLAB_INTERNAL';

/** A spinlab error: what happened, to what, and what to do. */
export class SpinlabError extends Error {
  override readonly name = 'SpinlabError';
  constructor(
    readonly code: SpinlabErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether `error` is a SpinlabError. */
export function isSpinlabError(error: unknown): error is SpinlabError {
  return error instanceof SpinlabError;
}
