/**
 * Minimized counterexamples: before a failing schedule is reported it is
 * shrunk — fewer preemptions, fewer interrupts and DPCs delivered while a
 * context could have run, fewer steps — while the same finding still occurs
 * (delta debugging of thread schedules, Choi & Zeller, ISSTA 2002; CHESS's
 * preemption-bounded view of a schedule, Musuvathi & Qadeer, PLDI 2007).
 *
 * A schedule is seen as its non-default decisions, each anchored as CHESS
 * anchors a preemption — "when the context that ran last comes to its n-th
 * decision, run d" — so that dropping one leaves the others meaningful;
 * every other decision is the non-preemptive default (see
 * {@link GuidedPicker}). A candidate run records what it actually chose, so
 * its schedule code replays it exactly.
 */
import { CHECKS, findingId, type Check, type Finding, type FindingDraft } from '../checks/index.js';
import { EventBus, type GuestRealm } from '../machine/index.js';
import type { ScenarioDefinition } from '../scenario/index.js';
import type { FindingGroup } from './collector.js';
import { runExecution } from './execution-runner.js';
import { failingAt, type FaultTarget } from './fault-plan.js';
import { EXTRA, GuidedPicker, NON_DEFAULT, PREEMPTION, type Plan } from './guided-picker.js';
import { encodeSchedule } from './schedule-code.js';
import type { ScheduleLog } from './schedule-log.js';

/** Candidate runs one finding may take (its baseline included). */
export const MAX_RUNS_PER_FINDING = 100;
/** Candidate runs one exploration may take in all. */
export const MAX_RUNS = 400;
/** Steps all candidate runs may take, as a share of the exploration's steps… */
export const STEP_SHARE = 0.25;
/** …but at least this many (a short exploration still gets its findings minimized). */
export const MIN_STEP_BUDGET = 4_000;

/** How big a schedule is; smaller means fewer preemptions, then fewer interrupts and DPCs, then fewer steps. */
export interface ScheduleSize {
  /** Decisions that switched away from a context that could have continued. */
  readonly preemptions: number;
  /** Interrupts delivered and DPCs run while a context could have run instead. */
  readonly interrupts: number;
  /** Scheduling decisions. */
  readonly steps: number;
}

/**
 * One group's minimization. `shrunk`: a smaller run showed the finding, and
 * `code` and `finding` are that run's; `minimal`: nothing smaller did;
 * `not-alone`: the explored run does not show the finding by itself (a
 * lock-order cycle whose edges came from other schedules); `no-budget`: the
 * exploration's minimization budget was spent first.
 */
export interface MinimizedGroup {
  readonly id: string;
  readonly outcome: 'shrunk' | 'minimal' | 'not-alone' | 'no-budget';
  /** The schedule code to report: the minimized run's when shrunk, else the explored one. */
  readonly code: string;
  /** The finding to report: the minimized run's when shrunk (its `schedule` stays the explored one), else the explored one. */
  readonly finding: Finding;
  /** The explored schedule's size (null when it was not run again), and the reported one's (null unless shrunk or minimal). */
  readonly before: ScheduleSize | null;
  readonly after: ScheduleSize | null;
  /** Candidate runs made for this group (runs another group already made are not counted), and the steps they took. */
  readonly runs: number;
  readonly runSteps: number;
}

/** Where the candidates run. */
export interface MinimizeOptions {
  readonly realm: GuestRealm;
  readonly scenario: ScenarioDefinition;
  readonly cpus: number;
  /** As the exploration ran (see {@link ExploreOptions.accessPoints}). */
  readonly accessPoints?: boolean;
  readonly maxSteps: number;
  /** The exploration's checks (each candidate gets fresh instances). Default all. */
  readonly checks?: readonly Check[];
  /** The exploration's total steps (the step budget is a share of it). */
  readonly exploredSteps: number;
}

/** ddmin's first number of chunks (most bugs need one or two preemptions: a few singletons are tried first). */
const FIRST_GRANULARITY = 8;

/** A candidate run: what it chose at each decision and what it found. */
interface Run {
  readonly seed: number;
  /** The call its plan failed, if any. */
  readonly fault: FaultTarget | null;
  readonly size: ScheduleSize;
  /** The first draft of every finding id it showed. */
  readonly drafts: ReadonlyMap<string, FindingDraft>;
  /** Per decision: its anchor, the chosen action's key, and its flags (typed arrays: a cached step-limit run has 20 000). */
  readonly anchors: Float64Array;
  readonly keys: Int32Array;
  readonly flags: Uint8Array;
  readonly code: string;
}

/** Shrinks the first failing schedule of every group, in order, within one shared budget. */
export async function minimizeGroups(groups: readonly FindingGroup[], log: ScheduleLog, options: MinimizeOptions): Promise<MinimizedGroup[]> {
  const minimizer = new Minimizer(options);
  const result: MinimizedGroup[] = [];
  for (const group of groups) {
    const logged = log.entry(group.finding.schedule);
    if (logged !== undefined) result.push(await minimizer.minimize(group, { seed: logged.seed, follow: 'choices', values: logged.choices, fault: logged.fault }));
  }
  return result;
}

class Minimizer {
  /** Every candidate run so far, by plan: another group's finding may already show in a small one. */
  private readonly cache = new Map<string, Run | null>();
  private readonly checks: readonly Check[];
  private runsLeft = MAX_RUNS;
  private groupRunsLeft = 0;
  private stepsLeft: number;

  constructor(private readonly options: MinimizeOptions) {
    this.checks = options.checks ?? CHECKS;
    this.stepsLeft = Math.max(MIN_STEP_BUDGET, Math.floor(options.exploredSteps * STEP_SHARE));
  }

  async minimize(group: FindingGroup, explored: Plan): Promise<MinimizedGroup> {
    this.groupRunsLeft = MAX_RUNS_PER_FINDING;
    const runsBefore = this.runsLeft;
    const stepsBefore = this.stepsLeft;
    const spent = (): { runs: number; runSteps: number } => ({ runs: runsBefore - this.runsLeft, runSteps: stepsBefore - this.stepsLeft });
    const id = group.id;
    const unchanged = { id, code: group.code, finding: group.finding };
    // The same finding: same id, and the same fields a rubric item filters on, so minimizing never changes a score.
    const shows = (run: Run | null): boolean => run !== null && agrees(run.drafts.get(id), group.finding);
    const baseline = await this.run(explored);
    if (baseline === null || !shows(baseline)) {
      const outcome = baseline === null && !this.canRun() ? 'no-budget' : 'not-alone';
      return { ...unchanged, outcome, before: baseline?.size ?? null, after: null, ...spent() };
    }
    let best = baseline;
    for (const run of this.cache.values()) if (run !== null && shows(run) && smaller(run.size, best.size)) best = run;
    const offer = (run: Run | null): boolean => {
      if (run === null || !shows(run) || !smaller(run.size, best.size)) return false;
      best = run;
      return true;
    };
    for (let improved = true; improved && this.canRun(); ) {
      improved = await this.truncate(best, shows, offer);
      improved = (await this.ddmin(() => best, offer)) || improved;
    }
    if (best === baseline) return { ...unchanged, outcome: 'minimal', before: baseline.size, after: baseline.size, ...spent() };
    const finding = reported(best.drafts.get(id)!, group.finding.schedule, best.size.steps);
    return { id, outcome: 'shrunk', code: best.code, finding, before: baseline.size, after: best.size, ...spent() };
  }

  /** The shortest prefix of `start`'s non-default decisions that still shows the finding, by bisection (the default after it). */
  private async truncate(start: Run, shows: (run: Run | null) => boolean, offer: (run: Run | null) => boolean): Promise<boolean> {
    const all = positions(start.flags, NON_DEFAULT);
    let improved = false;
    let lo = 0;
    let hi = all.length;
    while (lo < hi && this.canRun()) {
      // The all-default run first: it is shared by every group, and often enough.
      const mid = lo === 0 ? 0 : (lo + hi) >> 1;
      const run = await this.run(directives(start, all.slice(0, mid)));
      if (shows(run)) {
        hi = mid;
        improved = offer(run) || improved;
      } else {
        lo = mid + 1;
      }
    }
    return improved;
  }

  /**
   * ddmin (Zeller & Hildebrandt, TSE 2002) over the decisions that preempted
   * or delivered an interrupt or DPC: the smallest subset of them that, with
   * every other non-default decision, still shows the finding — none first,
   * then each chunk alone, then each complement.
   */
  private async ddmin(best: () => Run, offer: (run: Run | null) => boolean): Promise<boolean> {
    const flagged = (run: Run): number[] => positions(run.flags, PREEMPTION | EXTRA);
    const keep = async (run: Run, kept: readonly number[]): Promise<boolean> => {
      const free = positions(run.flags, NON_DEFAULT).filter((i) => (run.flags[i]! & (PREEMPTION | EXTRA)) === 0);
      return offer(await this.run(directives(run, [...free, ...kept].sort((a, b) => a - b))));
    };
    if (flagged(best()).length === 0) return false;
    if (await keep(best(), [])) return true;
    let improved = false;
    let n = FIRST_GRANULARITY;
    while (this.canRun()) {
      const run = best();
      const all = flagged(run);
      if (all.length <= 1) break;
      n = Math.min(n, all.length);
      const chunks = Array.from({ length: n }, (_, k) => all.slice(Math.floor((k * all.length) / n), Math.floor(((k + 1) * all.length) / n)));
      let reduced = false;
      for (let k = 0; k < n && !reduced && this.canRun(); k++) {
        if (await keep(run, chunks[k]!)) [reduced, n] = [true, FIRST_GRANULARITY];
      }
      for (let k = 0; n > 2 && k < n && !reduced && this.canRun(); k++) {
        if (await keep(run, chunks.filter((_, j) => j !== k).flat())) [reduced, n] = [true, Math.max(n - 1, 2)];
      }
      if (reduced) improved = true;
      else if (n >= all.length) break;
      else n = Math.min(all.length, 2 * n);
    }
    return improved;
  }

  private canRun(): boolean {
    return this.runsLeft > 0 && this.groupRunsLeft > 0 && this.stepsLeft > 0;
  }

  /** Runs a candidate, or finds it in the cache; null when the budget is spent or the run failed inside spinlab. */
  private async run(plan: Plan): Promise<Run | null> {
    const key = planKey(plan);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (!this.canRun()) return null;
    this.runsLeft--;
    this.groupRunsLeft--;
    const drafts = new Map<string, FindingDraft>();
    // Fresh checks: a cross-schedule check (lock-order) sees this run alone.
    const instances = this.checks.map((check) =>
      check.create((draft) => {
        const id = findingId(draft.check, draft.key);
        if (!drafts.has(id)) drafts.set(id, draft);
      }),
    );
    const picker = new GuidedPicker(plan);
    const fault = plan.fault ?? null;
    const outcome = await runExecution({
      realm: this.options.realm,
      scenario: this.options.scenario,
      plan: { picker: fault === null ? picker : failingAt(picker, fault), seed: plan.seed },
      cpus: this.options.cpus,
      maxSteps: this.options.maxSteps,
      bus: new EventBus(instances),
      onStart: (x) => instances.forEach((instance) => instance.startSchedule?.(x, 0)),
      capture: false,
      timeline: false,
      accessPoints: this.options.accessPoints,
      print: () => undefined,
    });
    this.stepsLeft -= outcome.steps;
    // Let the event loop breathe between runs (the stuck-routine watchdog).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const size = { preemptions: picker.count(PREEMPTION), interrupts: picker.count(EXTRA), steps: outcome.steps };
    const code = encodeSchedule(outcome.seed, outcome.digest, outcome.choices, outcome.radices, outcome.faultsDecided);
    const run =
      outcome.undecided !== null
        ? null
        : { seed: plan.seed, fault, size, drafts, anchors: Float64Array.from(picker.anchors), keys: Int32Array.from(picker.keys), flags: Uint8Array.from(picker.flags), code };
    this.cache.set(key, run);
    return run;
  }
}

/** The plan that makes `run`'s decisions at `at` (ascending) and the default everywhere else. */
function directives(run: Run, at: readonly number[]): Plan {
  return { seed: run.seed, fault: run.fault, follow: 'directives', anchors: at.map((i) => run.anchors[i]!), keys: at.map((i) => run.keys[i]!), flags: at.map((i) => run.flags[i]!) };
}

/**
 * A candidate's finding as its group reports it: under the explored
 * schedule's number, and so are its related sites (the candidate's checks
 * were fresh, so every site they name is in the candidate run).
 */
function reported(draft: FindingDraft, schedule: number, steps: number): Finding {
  const related = draft.related?.map((r) => (r.schedule === undefined ? { ...r } : { ...r, schedule }));
  return { ...draft, ...(related === undefined ? {} : { related }), ...(draft.siteSchedule === undefined ? {} : { siteSchedule: schedule }), schedule, step: steps };
}

/** Whether a candidate's draft is the explored finding again: what a rubric item filters on (routine, related routines, target, lock, name) agrees. */
function agrees(draft: FindingDraft | undefined, explored: Finding): boolean {
  if (draft === undefined) return false;
  const routines = (f: FindingDraft): string => [...new Set([f.routine, ...(f.related ?? []).map((r) => r.routine)])].sort().join('|');
  return draft.target === explored.target && draft.lock === explored.lock && draft.name === explored.name && routines(draft) === routines(explored);
}

/** Whether `a` is smaller than `b`: fewer preemptions, then fewer interrupts and DPCs, then fewer steps. */
export function smaller(a: ScheduleSize, b: ScheduleSize): boolean {
  if (a.preemptions !== b.preemptions) return a.preemptions < b.preemptions;
  if (a.interrupts !== b.interrupts) return a.interrupts < b.interrupts;
  return a.steps < b.steps;
}

/** The decisions with any of `flags`. */
function positions(flags: Uint8Array, flag: number): number[] {
  const at: number[] = [];
  for (let i = 0; i < flags.length; i++) if ((flags[i]! & flag) !== 0) at.push(i);
  return at;
}

/** A plan's cache key: its values hashed twice (a collision could only skip a candidate, never report a wrong run). */
function planKey(plan: Plan): string {
  const values = plan.follow === 'choices' ? plan.values : [...plan.anchors, ...plan.keys, ...plan.flags];
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ plan.seed;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const lo = v >>> 0;
    const hi = Math.floor(v / 4294967296) >>> 0;
    a = Math.imul(Math.imul(a ^ lo, 16777619) ^ hi, 16777619) >>> 0;
    b = (Math.imul(b ^ (lo + i), 2246822519) ^ Math.imul(hi, 3266489917)) >>> 0;
    b = (b ^ (b >>> 15)) >>> 0;
  }
  const fault = plan.fault == null ? '' : `${plan.fault.occurrence}@${plan.fault.site}`;
  return `${plan.follow}:${plan.seed}:${values.length}:${a}:${b}:${fault}`;
}
