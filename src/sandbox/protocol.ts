/**
 * The messages between the grader (parent) and the sandbox (child). The job
 * goes in on stdin as one JSON document; results come back on file
 * descriptor 3 as they are decided, each line sealed with the job's key (see
 * `sealed-channel.ts`), so a timeout or a crash loses only what was still
 * running, and nothing but the child's trusted code can speak.
 */
import type { CoverageWatch, ExploreResult, FindingGroup, StrategyName } from '../explore/index.js';
import type { Undecided } from '../scenario/index.js';
import type { CompiledDriver } from './bundle-format.js';

/** What the child runs. */
export interface SandboxJob {
  readonly type: 'job';
  /** The key that seals the child's messages (hex), made by the grader for this job alone. */
  readonly key: string;
  /** The student's bundle (with its inline source map) and its files. */
  readonly driver: Pick<CompiledDriver, 'code' | 'root' | 'files' | 'stateParameter' | 'statements'>;
  /** The grader's scenario, compiled to an ES module. */
  readonly scenario: string;
  readonly exploration: SandboxExploration;
}

/** The exploration to run (every field decided by the parent). */
export interface SandboxExploration {
  readonly strategy: StrategyName;
  readonly seed: number;
  readonly schedules: number;
  readonly cpus?: number;
  readonly maxSteps: number;
  /** PCT's bug depth d. */
  readonly depth: number;
  /** dfs's and idb's bound C. */
  readonly bound: number;
  /** Occurrences of each faultable site failed in fault runs (0: none; see src/explore/fault-plan.ts). */
  readonly faults: number;
  /** For `replay`. */
  readonly schedule?: string;
  /** Record a timeline (for `replay`). */
  readonly timeline?: boolean;
  /** Routines and paths whose coverage the result must say (the rubric's filters, the exercise's contract). */
  readonly watch?: CoverageWatch;
}

/** One schedule finished: what it added and which findings it saw again. */
export interface ScheduleProgressEntry {
  readonly schedule: number;
  readonly added: readonly FindingGroup[];
  readonly seen: readonly string[];
  /** Groups found to have been present in earlier schedules too, with those schedules. */
  readonly earlier?: ReadonlyArray<readonly [string, readonly number[]]>;
  /** Why the grader could not decide the schedule (the scenario or an invariant threw, spinlab failed), if it could not. */
  readonly undecided?: Undecided;
}

/** Schedules finished since the last message (sent at least every 50 ms, and at once when a finding is new). */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly schedules: readonly ScheduleProgressEntry[];
}

/** The exploration finished (sites located). */
export interface DoneMessage {
  readonly type: 'done';
  readonly result: ExploreResult;
  /** Line coverage over every schedule: character `i` is `1` if the driver's statement `i` ran (see line-coverage.ts). */
  readonly ran: string;
}

/**
 * The child's trusted code failed. In `setup` (before any student code ran:
 * a scenario that does not load, say) that is the grader's problem; in
 * `explore` it is graded as a crash.
 */
export interface FailedMessage {
  readonly type: 'failed';
  readonly phase: 'setup' | 'explore';
  readonly message: string;
}

/** Any message from the child. */
export type ChildMessage = ProgressMessage | DoneMessage | FailedMessage;
