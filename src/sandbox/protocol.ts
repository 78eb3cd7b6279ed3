/**
 * The messages between the grader (parent) and the sandbox (child). The job
 * goes in on stdin as one JSON document; results come back over the IPC
 * channel as they are decided, so a timeout or a crash loses only what was
 * still running.
 */
import type { ExploreResult, FindingGroup, StrategyName } from '../explore/index.js';

/** What the child runs. */
export interface SandboxJob {
  readonly type: 'job';
  /** The student's bundle (with its inline source map) and its files. */
  readonly driver: { readonly code: string; readonly root: string; readonly files: readonly string[] };
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
  readonly pctDepth: number;
  readonly preemptionBound: number;
  /** For `replay`. */
  readonly schedule?: string;
  /** Record a timeline (for `replay`). */
  readonly timeline?: boolean;
}

/** One schedule finished: what it added and which findings it saw again. */
export interface ScheduleProgressEntry {
  readonly schedule: number;
  readonly added: readonly FindingGroup[];
  readonly seen: readonly string[];
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
}

/** The child could not run the job (a bad scenario, say): the grader's problem, not the student's. */
export interface FailedMessage {
  readonly type: 'failed';
  readonly message: string;
}

/** Any message from the child. */
export type ChildMessage = ProgressMessage | DoneMessage | FailedMessage;
