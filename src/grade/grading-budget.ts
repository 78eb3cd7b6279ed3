/**
 * The wall-clock budget of grading one submission: the rubric's `timeLimit`
 * for the exploration plus {@link HOST_ALLOWANCE_SECONDS} (30 s) for everything
 * else — staging, compiling (with the shared-state rewrite), type-checking
 * and the report. One deadline, set when the grading starts; each phase may take at
 * most what is left of it (esbuild by a race, tsc and the sandbox child by
 * their timeouts), and a phase that would start past it does not start: the
 * grading ends `timed-out`, saying where. Host steps that cannot be timed
 * out from inside (synchronous work on the grader's thread) are stopped from
 * outside: see `guarded-grading.ts`.
 */

/** Seconds a grading may spend beyond the exploration's time limit: staging, compiling, type-checking and the report. */
export const HOST_ALLOWANCE_SECONDS = 30;

/** The allowance in force: `SPINLAB_HOST_ALLOWANCE` (seconds, for a slow machine — or a test), else {@link HOST_ALLOWANCE_SECONDS}. */
export function hostAllowanceSeconds(): number {
  const set = Number(process.env.SPINLAB_HOST_ALLOWANCE);
  return set > 0 && set <= 86_400 ? set : HOST_ALLOWANCE_SECONDS;
}

/** The type-check's own limit, in seconds (and never more than the exploration's): a strict check of a driver takes well under one. */
export const TYPECHECK_SECONDS = 20;

/** What a grading is doing, as a timed-out message names it. */
export type GradingPhase = 'staging' | 'compiling' | 'type-checking' | 'exploring' | 'reporting';

/** What a phase's race gives when the budget ran out first. */
export const BUDGET_SPENT: unique symbol = Symbol('budget spent');

/** One grading's deadline. */
export class GradingBudget {
  /** When the grading started (ms since the epoch). */
  readonly started: number;
  /** The whole budget, in ms. */
  readonly totalMs: number;

  constructor(
    /** The exploration's limit (the rubric's `timeLimit`, or `--timeout`), in seconds. */
    readonly timeLimitSeconds: number,
    private readonly now: () => number = Date.now,
    /** Seconds for everything but the exploration. */
    readonly allowanceSeconds: number = hostAllowanceSeconds(),
  ) {
    this.started = now();
    this.totalMs = (timeLimitSeconds + allowanceSeconds) * 1000;
  }

  /** Time since the grading started. */
  elapsedMs(): number {
    return this.now() - this.started;
  }

  /** Time left before the deadline (negative past it). */
  remainingMs(): number {
    return this.totalMs - this.elapsedMs();
  }

  /** Whether the deadline has passed. */
  expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /** How long a phase whose own limit is `capMs` may run: never past the deadline, and at least 1 ms (0 would mean no limit to a child process). */
  limitFor(capMs: number): number {
    return Math.max(1, Math.min(capMs, Math.floor(this.remainingMs())));
  }

  /** `work`'s value, or {@link BUDGET_SPENT} if the deadline comes first (the work is abandoned, not stopped). */
  async race<T>(work: Promise<T>): Promise<T | typeof BUDGET_SPENT> {
    let timer: NodeJS.Timeout | undefined;
    const spent = new Promise<typeof BUDGET_SPENT>((resolve) => {
      timer = setTimeout(() => resolve(BUDGET_SPENT), this.limitFor(Number.MAX_SAFE_INTEGER));
      timer.unref();
    });
    try {
      return await Promise.race([work, spent]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The budget in words: `90 s (60 s for the exploration + 30 s for compiling, type-checking and reporting)`. */
  describe(): string {
    return `${this.totalMs / 1000} s (${this.timeLimitSeconds} s for the exploration + ${this.allowanceSeconds} s for compiling, type-checking and reporting)`;
  }
}
