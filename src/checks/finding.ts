/** Findings: what a check reports, as data. Text and color are made in `src/report/`. */
import type { ContextKind, RawSite } from '../machine/index.js';

/** Every check id (a contract: rubrics name them). */
export const CHECK_IDS = [
  'uninitialized-lock',
  'reinitialized-lock',
  'recursive-acquire',
  'release-not-held',
  'held-at-return',
  'wrong-releaser',
  'irql-acquire',
  'irql-dpc-level',
  'irql-restore',
  'api-mismatch',
  'queue-handle',
  'release-order',
  'deadlock',
  'lock-order',
  'data-race',
  'unsafe-under-lock',
  'missing-await',
  'routine-threw',
  'step-limit',
  'invariant',
] as const;

/** A check id. */
export type CheckId = (typeof CHECK_IDS)[number];

/** The id of the finding group a finding of `check` with `key` belongs to (what `causedBy` names). */
export function findingId(check: CheckId, key: string): string {
  return `${check}|${key}`;
}

/** Where a context was, for a finding or a related site. */
export interface ContextInfo {
  readonly cpu: number | null;
  /** thread, dpc, isr — or synch for a SynchCritSection routine. */
  readonly context: ContextKind | 'synch' | null;
  readonly routine: string | null;
  readonly irql: number | null;
}

/** Another site a finding points to (where a lock was acquired, the other side of a race…). */
export interface RelatedSite extends ContextInfo {
  /** What happened there: `acquired here`, `the other access`. */
  readonly label: string;
  /** Event sequence number in its schedule. */
  readonly seq: number;
  /** The schedule it happened in, when not the finding's own (lock-order edges). */
  readonly schedule?: number;
  /** The locks held there, for races. */
  readonly locks?: readonly string[];
  /** Its source position, once located. */
  site?: RawSite;
}

/**
 * Where a witness of a predicted interrupt self-deadlock should deliver the
 * interrupt: in `schedule`, on `cpu`, from interrupt source `source`, while
 * `lock` is held (see interrupt-hazard.ts).
 */
export interface InterruptWitness {
  readonly schedule: number;
  readonly cpu: number;
  readonly source: number;
  readonly lock: string;
}

/**
 * What happened, when a check can tell a case whose cure differs from its
 * ordinary one (a contract: the result JSON carries it, and the `help:` line
 * is chosen by it before the check). Where the cause happened elsewhere (the
 * re-initialization, the extra release), that site is the finding's last
 * related site.
 */
export const FINDING_CAUSES = [
  /** A race between two holders of one lock: KeInitializeSpinLock freed it while one held it. */
  'lock-reinitialized-while-held',
  /** A race between two holders of one lock: code that did not hold it released it (a second release, or one without an acquire). */
  'lock-released-not-held',
  /** A race on an IRP's fields: two routines handled one IRP (a double completion, a use after IoCompleteRequest). */
  'irp-in-two-routines',
  /** An ISR or SynchCritSection routine takes an ordinary spin lock (a deadlock, a self-deadlock, a lock-order cycle through it). */
  'spin-lock-in-interrupt-context',
  /** One call of a routine acquires a lock it already holds (itself, or a helper it calls). */
  'acquired-twice-in-one-call',
] as const;

/** A finding's cause (see {@link FINDING_CAUSES}). */
export type FindingCause = (typeof FINDING_CAUSES)[number];

/** What a check reports. */
export interface FindingDraft extends ContextInfo {
  readonly check: CheckId;
  /** The authority: a Verifier code, an SDV rule. */
  readonly rule: string;
  /** One sentence on the rule and what to do. */
  readonly message: string;
  /** Groups equal findings across schedules (same check, place and cause). */
  readonly key: string;
  /** What happened, when its cure differs from the check's ordinary one. */
  readonly cause?: FindingCause;
  /** The lock involved, by path (`ext.Lock`). */
  readonly lock?: string;
  /** The field involved, by path (`ext.Count`). */
  readonly target?: string;
  /**
   * The field is state outside the device that routine calls share (a
   * module's or a closure's variable): spinlab cannot tell which device field
   * it stands in for, so it counts against every item of its check, whatever
   * the item's target.
   */
  readonly outsideDevice?: boolean;
  /** The invariant's name. */
  readonly name?: string;
  /** An invariant the schedule never reached: it stopped (a bug check, a deadlock, a hang) before the final state. */
  readonly unreached?: boolean;
  /** Event sequence number of the finding's own site. */
  readonly seq: number;
  /**
   * The schedule the own site is in, when not the finding's own: a hazard
   * decided across schedules is reported at its faulty side (an ISR's
   * acquire), which may have been seen in an earlier schedule.
   */
  readonly siteSchedule?: number;
  readonly related?: readonly RelatedSite[];
  /** For a predicted hazard: how to build the schedule that shows it happen. */
  readonly witness?: InterruptWitness;
  /** Extra lines (a deadlock's wait-for chain). */
  readonly details?: readonly string[];
  /** A V8 stack to locate the site from (a routine that threw). */
  readonly stack?: string;
  /** The locks held at the finding's own site. */
  readonly locks?: readonly string[];
  /** The own site is the last place routine `returnOf` was seen before it returned: report the `return` it took after it. */
  readonly returnOf?: string;
  /**
   * Earlier schedules the problem was present in too (a lock-order cycle is
   * found once its last edge is seen, but each schedule that took one of its
   * edges had it): counted with the schedule that reported it.
   */
  readonly alsoIn?: readonly number[];
  /**
   * The finding this one follows from, by group id (`check|key`), when the
   * check knows it: the hang a leaked lock causes names the routine's
   * held-at-return. Kept only when that finding was made too (see
   * grade/fold-findings.ts); presentation only, never scoring.
   */
  readonly causedBy?: string;
  /** Found by the all-paths rule, not in a schedule: where, and on which path. */
  readonly allPaths?: StaticPlace;
}

/**
 * A finding of the static all-paths rule: decided on the student's source,
 * on every path, in no schedule (its group has no schedule and no code).
 */
export interface StaticPlace {
  /** Where it happens, in the student's TypeScript. */
  readonly file: string;
  readonly line: number;
  /** The path that shows it, as the student's lines (each branch taken, each lock call, the exit). */
  readonly path: readonly number[];
  /** The line its lock was acquired at, when that is another line. */
  readonly acquiredAt?: number;
}

/** A finding as reported from one schedule. */
export interface Finding extends FindingDraft {
  /** The schedule (0-based index in the exploration). */
  readonly schedule: number;
  /** The scheduling step at which it was found. */
  readonly step: number;
  /** The source position, once located. */
  site?: RawSite;
}
