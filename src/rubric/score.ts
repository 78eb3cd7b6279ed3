/**
 * Scoring: which findings each rubric item looks at, how many schedules
 * failed it, and the points it earns. Points come from data only.
 */
import type { CoverageSeen, FindingGroup, Situation } from '../explore/index.js';
import { pathCovers } from '../explore/path-covers.js';
import type { Diagnostic } from '../sandbox/diagnostic.js';
import type { ResultFinding, ResultItem } from './result.js';
import { MODULE_LOAD_ROUTINE } from '../checks/routine-threw.js';
import { SETUP_INVARIANT } from '../scenario/simulation.js';
import { applyRequirements } from './requirements.js';
import { TYPECHECK, type RubricItem } from './rubric.js';

/** What an exploration decided, complete or not. */
export interface Evidence {
  /** Every distinct finding, with the schedules it appeared in. */
  readonly groups: readonly FindingGroup[];
  readonly schedulesPlanned: number;
  readonly schedulesRun: number;
  /** False after a timeout or crash: items without findings were not decided. */
  readonly complete: boolean;
  /**
   * The schedules (of those run) the grader could not decide: the scenario
   * or an invariant threw, or spinlab failed. With any, the grading is the
   * grader's failure and no run-based item earns a point.
   */
  readonly undecided: readonly number[];
  /**
   * Which of the rubric's routines ran and which of its targets the driver
   * touched, in any schedule; null when not known (the run did not finish).
   * An item filtered to one that was not seen has no evidence: it is lost.
   */
  readonly seen: CoverageSeen | null;
  /** tsc's errors in the student's files, or null if type-checking was skipped. */
  readonly typecheck: readonly Diagnostic[] | null;
  /** Every schedule ran the one workload its seed drew (dfs, idb: a prefix must replay the same draws). */
  readonly oneWorkload?: boolean;
}

/** At most this many findings are listed per item. */
const FINDINGS_PER_ITEM = 5;

/**
 * Grades every item of a rubric: each on its own evidence, then with its
 * requirements applied (see `requirements.ts`). `describe` turns a finding
 * group into its reported form.
 */
export function scoreItems(items: readonly RubricItem[], evidence: Evidence, describe: (group: FindingGroup) => ResultFinding): ResultItem[] {
  // A schedule in which the driver never started exercised nothing: it passes no item.
  const unstartedGroups = evidence.groups.filter(neverStarted);
  const byId = new Map(items.map((item) => [item.id, item]));
  return applyRequirements(
    items,
    items.map((item) => scoreItem(item, evidence, unstartedGroups, describe)),
    (id) => invariantJudged(byId.get(id)!, evidence.seen),
  );
}

/** Grades `item`; `unstartedGroups` are the evidence's groups in whose schedules the driver never started. */
function scoreItem(item: RubricItem, evidence: Evidence, unstartedGroups: readonly FindingGroup[], describe: (group: FindingGroup) => ResultFinding): ResultItem {
  const base = { id: item.id, title: item.title, check: item.check, maxPoints: item.points, visibility: item.visibility, credit: item.credit };
  if (item.check === TYPECHECK) {
    // Skipped (--no-typecheck) is not passed: the points are not earned without the check.
    const diagnostics = evidence.typecheck;
    const passed = diagnostics !== null && diagnostics.length === 0;
    const findings = diagnostics === null ? [typecheckSkipped()] : diagnostics.slice(0, FINDINGS_PER_ITEM).map(typecheckFinding);
    return { ...base, points: passed ? item.points : 0, passed, schedulesRun: 0, schedulesFailed: 0, firstFailedSchedule: null, findings };
  }
  const own = evidence.groups.filter((group) => matches(item, group));
  const failed = new Set<number>();
  for (const group of own) for (const schedule of group.schedules) failed.add(schedule);
  // Those schedules count against this item too.
  const unstarted = unstartedGroups.filter((group) => !own.includes(group));
  for (const group of unstarted) for (const schedule of group.schedules) failed.add(schedule);
  const groups = [...own, ...unstarted.filter((group) => group.schedules.length > 0)];
  // The all-paths rule's findings hold on every path, in no schedule: any one loses the item whole.
  const onEveryPath = own.some((group) => group.finding.allPaths !== undefined);
  // Evidence: a pass needs every planned schedule run and decided, and at least one of them.
  const graderFailed = evidence.undecided.length > 0;
  const passed = evidence.complete && !graderFailed && evidence.schedulesRun > 0 && failed.size === 0 && !onEveryPath;
  // A grader's failure already loses every item, with its own message: no "no evidence" beside it.
  const unexercised = failed.size === 0 && !onEveryPath && !graderFailed ? notExercised(item, evidence.seen, evidence.oneWorkload === true) : null;
  if (unexercised !== null) return { ...base, points: 0, passed: false, schedulesRun: evidence.schedulesRun, schedulesFailed: 0, firstFailedSchedule: null, findings: [unexercised] };
  let points = 0;
  if (item.credit === 'fraction' && evidence.schedulesPlanned > 0 && !graderFailed && !onEveryPath) {
    const clean = Math.max(0, evidence.schedulesRun - failed.size);
    points = round(item.points * (clean / evidence.schedulesPlanned));
  } else if (passed) {
    points = item.points;
  }
  return {
    ...base,
    points,
    passed,
    schedulesRun: evidence.schedulesRun,
    schedulesFailed: failed.size,
    firstFailedSchedule: earliest(failed),
    ...(item.check === 'invariant' ? { schedulesUnreached: unreachedOnly(groups, failed.size) } : {}),
    findings: groups.slice(0, FINDINGS_PER_ITEM).map(describe),
  };
}

/** How many of `failing` schedules failed only as never reached (an invariant the schedule stopped before). */
function unreachedOnly(groups: readonly FindingGroup[], failing: number): number {
  const reached = new Set<number>();
  for (const group of groups) if (group.finding.unreached !== true) for (const schedule of group.schedules) reached.add(schedule);
  return failing - reached.size;
}

/**
 * Why `item` has no evidence (a clean result about nothing): its `routine`
 * never ran, its lock or list was never used, its `target` never touched, its
 * field never touched by two routines in one schedule, or its invariant never
 * judged. The reason, as the item's finding; null when it has evidence, or
 * when what was seen is not known.
 */
function notExercised(item: RubricItem, seen: CoverageSeen | null, oneWorkload: boolean): ResultFinding | null {
  if (seen === null) return null;
  if (item.routine !== undefined && !seen.routines.includes(item.routine)) {
    return noEvidence(item, `routine \`${item.routine}\` never ran in any schedule, so nothing shows this item holds for it; name each routine as the exercise's README does`);
  }
  const used = usedTarget(item);
  if (used !== undefined && !seen.used.includes(used)) {
    return noEvidence(item, `no schedule took \`${item.target}\` or passed it to a lock or list routine (initializing it uses nothing), so nothing shows this item holds for it; use it as the exercise's README says`);
  }
  if (item.target !== undefined && !seen.paths.includes(item.target)) {
    return noEvidence(item, `no schedule touched \`${item.target}\`, so nothing shows this item holds for it; keep the state where the exercise's README says`);
  }
  const shared = sharedTarget(item);
  if (shared !== undefined && !seen.shared.includes(shared)) {
    return noEvidence(item, `no schedule had two routines touch \`${item.target}\` (the work that shares it never got there), so no race on it could show, and nothing shows it is protected`);
  }
  const situations = judgedSituations(item);
  if (situations.length > 0 && !situations.some((situation) => seen.situations.includes(situation))) {
    return noEvidence(item, situationsMissing(item.check));
  }
  if (!invariantJudged(item, seen)) {
    const another = oneWorkload ? '; dfs and idb run every schedule on the one workload this seed drew, and another --seed (or pct, random) draws others' : '';
    return noEvidence(item, `no schedule judged invariant \`${item.name}\` (${evidenceOf(item.name ?? '')}), so nothing shows it holds${another}`);
  }
  return null;
}

/**
 * The lock or list whose use is `item`'s evidence, not a touch: an item of a
 * lock-misuse check filtered to a lock or list (`api-mismatch` on
 * `ext.ListLock`) says nothing about a lock nobody took — initialized in
 * AddDevice and never used, it would pass. Undefined for other items.
 */
export function usedTarget(item: RubricItem): string | undefined {
  return item.check === 'data-race' || item.check === 'invariant' || item.check === TYPECHECK ? undefined : item.target;
}

/** The field a race item is about: two routines touching it in one schedule is its evidence (no race on a field one routine reached proves nothing). */
export function sharedTarget(item: RubricItem): string | undefined {
  return item.check === 'data-race' ? item.target : undefined;
}

/** The invariant some schedule must judge for `item` to pass (`setup` aside: it is reported only when it fails). */
export function judgedInvariant(item: RubricItem): string | undefined {
  return item.check === 'invariant' && item.name !== SETUP_INVARIANT ? item.name : undefined;
}

/**
 * The situations of which at least one must have happened for `item`'s check
 * to have judged anything (see `Situation`): a lock order needs a context
 * that held two locks at once (or, for lock-order's ISR rule, an ISR or
 * SynchCritSection routine that ran); a release order needs nested locks.
 * A driver that never nests has no order to get right, and earns nothing
 * for it — unless the item says `"nesting": "optional"` (an exercise that
 * accepts one lock). (Checks of a routine family — irql-dpc-level, queue-handle — are
 * owed no such evidence: an exercise may accept a driver that never uses
 * that family, as 03 and 04 do.)
 */
export function judgedSituations(item: Pick<RubricItem, 'check' | 'nesting'>): readonly Situation[] {
  return item.nesting === 'optional' ? [] : (ORDER_EVIDENCE[item.check]?.situations ?? []);
}

/** Per check that judges an order: the situations that give it one, and what their absence means, for the item's finding. */
const ORDER_EVIDENCE: Readonly<Record<string, { readonly situations: readonly Situation[]; readonly missing: string }>> = {
  'lock-order': { situations: ['nested-locks', 'interrupt-context'], missing: 'no schedule held two locks at once, and no ISR or SynchCritSection routine ran, so there was no order' },
  'release-order': { situations: ['nested-locks'], missing: 'no schedule held two locks at once, so there was no order of releases' },
};

/** Why an item of `check` (one of {@link ORDER_EVIDENCE}) judged nothing, in words for its finding. */
function situationsMissing(check: string): string {
  return `${ORDER_EVIDENCE[check]!.missing} for \`${check}\` to judge, and nothing shows it is right; nest the locks as the exercise's README says`;
}

/** Whether some schedule judged the invariant `item` names (true for other items, and when what was seen is not known). */
function invariantJudged(item: RubricItem, seen: CoverageSeen | null): boolean {
  const name = judgedInvariant(item);
  return seen === null || name === undefined || seen.invariants.includes(name);
}

/** Why an invariant can go unjudged, in words for the item's finding. */
function evidenceOf(name: string): string {
  return name === 'progress' || name === 'irps-completed'
    ? 'every schedule stopped before its end'
    : 'each schedule either stopped before its end or had nothing for it to judge';
}

function noEvidence(item: RubricItem, message: string): ResultFinding {
  return { ...NO_RUN_CONTEXT, check: item.check, rule: 'no evidence', message, location: null, source: null };
}

/**
 * Whether a finding says the driver never started in its schedules: the
 * module threw while loading, or the workload's `setup` failed (DriverEntry
 * failed or did not register its routines). Such schedules count against
 * every item, so a driver that does nothing cannot collect the points of
 * the checks it never gave a chance to fire.
 */
function neverStarted(group: FindingGroup): boolean {
  const finding = group.finding;
  return (finding.check === 'invariant' && finding.name === SETUP_INVARIANT) || (finding.check === 'routine-threw' && finding.routine === MODULE_LOAD_ROUTINE);
}

/** A type error as the type-check item's finding: where, and tsc's own words. */
function typecheckFinding(diagnostic: Diagnostic): ResultFinding {
  return {
    ...NO_RUN_CONTEXT,
    rule: diagnostic.code === undefined || diagnostic.code === 'SPINLAB' ? 'tsc --noEmit' : `tsc ${diagnostic.code}`,
    message: diagnostic.message,
    location: { file: diagnostic.file, line: diagnostic.line, column: diagnostic.column },
    source: diagnostic.source ?? null,
  };
}

/** The type-check item's reason when it was not run. */
function typecheckSkipped(): ResultFinding {
  return { ...NO_RUN_CONTEXT, rule: 'tsc --noEmit', message: 'the type-check was not run (--no-typecheck), so its points are not earned', location: null, source: null };
}

const NO_RUN_CONTEXT = { check: TYPECHECK, routine: null, context: null, cpu: null, irql: null, related: [], schedulesFailed: 0, schedule: null, replay: null } as const;

/** Whether a finding group counts against an item (its check and filters). */
export function matches(item: RubricItem, group: FindingGroup): boolean {
  const finding = group.finding;
  if (finding.check !== item.check) return false;
  if (item.routine !== undefined && finding.routine !== item.routine && !(finding.related ?? []).some((r) => r.routine === item.routine)) return false;
  // State outside the device (a module's or a closure's variable) could stand in for any field: it counts against every target.
  if (item.target !== undefined && finding.outsideDevice !== true && !covers(item.target, finding.target) && !covers(item.target, finding.lock)) return false;
  if (item.name !== undefined && finding.name !== item.name) return false;
  return true;
}

/** `ext.Queue` covers `ext.Queue`, `ext.Queue.Count` and `ext.Queue[3]` (see {@link pathCovers}); no path is covered by nothing. */
function covers(filter: string, path: string | undefined): boolean {
  return path !== undefined && pathCovers(filter, path);
}

/** The smallest of `schedules` (a loop: a class's exploration may fail a million), or null when there is none. */
function earliest(schedules: ReadonlySet<number>): number | null {
  let first: number | null = null;
  for (const schedule of schedules) if (first === null || schedule < first) first = schedule;
  return first;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The sum of points, rounded to hundredths. */
export function total(items: readonly { points: number }[]): number {
  return round(items.reduce((sum, item) => sum + item.points, 0));
}
