/** The exit codes of every command: the only table of them. */
export const ExitCode = {
  /** Full marks; for staff commands, the command did its job. */
  Ok: 0,
  /** Graded, but below full marks (compile errors and timeouts included); a selftest miss. */
  BelowFull: 1,
  /** Usage or configuration error: nothing was graded. */
  Usage: 2,
  /**
   * The grader failed (a grading ended `grader-error`: its scenario or an
   * invariant threw, or spinlab did): what was graded proves nothing. The
   * same code as a configuration error, for the grader is misconfigured.
   */
  GraderError: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The exit code of one graded submission: full marks 0; below full 1 (a
 * compile error, a timeout and a crash included: the submission's doing);
 * `grader-error` 2 (spinlab failed on it: nothing was graded reliably).
 */
export function exitCodeOf(result: { readonly status: string; readonly score: number; readonly maxScore: number }): ExitCode {
  if (result.status === 'grader-error') return ExitCode.Usage;
  return result.status === 'graded' && result.score >= result.maxScore ? ExitCode.Ok : ExitCode.BelowFull;
}
