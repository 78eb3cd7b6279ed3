/** What one execution is given, and what it produces. */
import type { SchedulePicker } from './actions.js';
import type { EventBus } from './event-bus.js';
import type { StopReason } from './events.js';
import type { KernelServices } from './kernel-services.js';
import type { GuestRealm, RawSite } from './realm.js';
import type { TraceEntry } from './trace.js';

/** Options for one execution. */
export interface ExecutionOptions {
  readonly cpus: number;
  /** Scheduling decisions allowed before the schedule is cut off (a step-limit finding). */
  readonly maxSteps: number;
  readonly picker: SchedulePicker;
  readonly realm: GuestRealm;
  /** The observers (checks). */
  readonly bus: EventBus;
  /** The kernel: op handlers and lifecycle hooks. */
  readonly kernel: KernelServices;
  /** Capture the student's source site of every event (slow: for locating findings). */
  readonly capture?: boolean;
  /** Record a per-step timeline. */
  readonly trace?: boolean;
  /** The guest's Math.random seed. */
  readonly seed: number;
  /**
   * Whether a tracked access no lock protects makes the next site in
   * the routine a scheduling point (default true; see
   * src/kernel/guest/scheduling-points.ts). Off only to measure its cost.
   */
  readonly accessPoints?: boolean;
}

/** What an execution produced. */
export interface ExecutionOutcome {
  readonly steps: number;
  readonly kernelCalls: number;
  readonly stopped: StopReason | null;
  /** The choice made at each decision with more than one option, and how many options there were. */
  readonly choices: readonly number[];
  readonly radices: readonly number[];
  /** The positions in `choices` of fault decisions (empty unless the picker decides faults). */
  readonly faultChoices: readonly number[];
  /** Whether the picker decided faults (the choice stream holds one choice per faultable call). */
  readonly faultsDecided: boolean;
  /** Per faultable site (see src/machine/faults.ts): how many calls it made. */
  readonly faultSites: ReadonlyMap<string, number>;
  /** A digest of the whole trace: the same for the same schedule, always. */
  readonly digest: number;
  readonly sites: ReadonlyMap<number, RawSite>;
  readonly timeline: readonly TraceEntry[];
  /** A bug in spinlab itself that abandoned the schedule, or null. */
  readonly internalFailure: Error | null;
}
