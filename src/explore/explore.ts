/**
 * `explore()`: runs the driver under many schedules with every check on,
 * and returns, per check and per distinct finding, what was found where —
 * each with the schedule code that replays it.
 */
import { CHECKS, type Check, type CheckId, type CheckInstance, type Finding } from '../checks/index.js';
import { EventBus, type GuestRealm, type TraceEntry } from '../machine/index.js';
import type { ScenarioDefinition, Undecided, UndecidedSchedule } from '../scenario/index.js';
import { FindingCollector, type FindingGroup } from './collector.js';
import { CoverageTracker, type CoverageSeen, type CoverageWatch } from './coverage.js';
import { runExecution } from './execution-runner.js';
import { ScheduleLog } from './schedule-log.js';
import { witnessHazards } from './interrupt-witness.js';
import { locateFindings } from './locate.js';
import { minimizeGroups, type MinimizedGroup } from './minimize.js';
import { makeStrategy } from './strategies.js';
import type { ExecutionPlan, StrategyName, StrategySummary } from './strategy.js';
import { DEFAULT_FAULT_OCCURRENCES, FaultPlanner, faultRunPlan, type FaultSummary, type FaultTarget } from './fault-plan.js';

/** What to explore and how. */
export interface ExploreOptions {
  /** Where the driver runs (a sandboxed vm realm, or the local realm in tests). */
  readonly driver: GuestRealm;
  readonly scenario: ScenarioDefinition;
  /** Default `pct`. */
  readonly strategy?: StrategyName;
  /** Default 1. */
  readonly seed?: number;
  /** Schedules to run (default 100; `replay` runs one). */
  readonly schedules?: number;
  /** CPUs (default: the scenario's, else 4). */
  readonly cpus?: number;
  /** Scheduling decisions per schedule before `step-limit` (default 20 000). */
  readonly maxSteps?: number;
  /** PCT's bug depth d (default 3): d − 1 priority change points per schedule. */
  readonly depth?: number;
  /** The old name of `depth` (`depth` wins when both are given). */
  readonly pctDepth?: number;
  /** The largest bound C for `dfs` (preemptions) and `idb` (delays) (default 2). */
  readonly bound?: number;
  /** The old name of `bound` (`bound` wins when both are given). */
  readonly preemptionBound?: number;
  /** The schedule code, for `replay`. */
  readonly schedule?: string;
  /** Checks to run (default all). */
  readonly checks?: readonly Check[];
  /** Fill in source sites by replaying the schedules with findings (default true). */
  readonly locate?: boolean;
  /**
   * Shrink each finding's first failing schedule before reporting it (fewer
   * preemptions, interrupts and DPCs, steps; see `minimize.ts`). Default:
   * as `locate`; a `replay` is never minimized.
   */
  readonly minimize?: boolean;
  /** Called once per finding after minimization, with its sizes before and after (for benchmarks). */
  readonly onMinimized?: (minimized: MinimizedGroup) => void;
  /** Record a per-step timeline (for `replay`). */
  readonly timeline?: boolean;
  /** Called after every schedule with what it found new (for streaming to the grader). */
  readonly onSchedule?: (progress: ScheduleProgress) => void;
  /** Ends the exploration early once this returns true (benchmarks: schedules to first detection). */
  readonly stopWhen?: (progress: ScheduleProgress) => boolean;
  /** Routines and paths to report as seen or not (see `coverage.ts`); default none. */
  readonly watch?: CoverageWatch;
  /** Whether an unlocked tracked access makes the routine's next site a scheduling point (default true; off only to measure it). */
  readonly accessPoints?: boolean;
  /**
   * Fault runs (see fault-plan.ts): after the strategy's schedules, one run
   * per faultable site reached and occurrence from 1 to `faults`, failing
   * that call — beyond `schedules`. 0: none. Default
   * {@link DEFAULT_FAULT_OCCURRENCES} (2); never for `replay` (a code decides its own faults).
   */
  readonly faults?: number;
}

/** What one schedule added. */
export interface ScheduleProgress {
  readonly schedule: number;
  readonly code: string;
  /** Groups first seen in this schedule. */
  readonly added: readonly FindingGroup[];
  /** Keys of every group seen in this schedule. */
  readonly seen: readonly string[];
  /** Groups found to have been present in earlier schedules too (a cycle of edges taken in several), with those schedules. */
  readonly earlier: ReadonlyArray<readonly [string, readonly number[]]>;
  /** Why the grader could not decide this schedule, if it could not. */
  readonly undecided?: Undecided;
}

/** Per check: how many schedules ran and failed, and the first failing schedule. */
export interface CheckSummary {
  readonly schedulesRun: number;
  readonly schedulesFailed: number;
  readonly first: { readonly schedule: number; readonly code: string; readonly findings: readonly Finding[] } | null;
}

/** The result of an exploration. */
export interface ExploreResult {
  readonly strategy: StrategyName;
  readonly seed: number;
  readonly cpus: number;
  readonly schedulesPlanned: number;
  /** The strategy's schedules run (fault runs not included: see {@link faults}). */
  readonly schedulesRun: number;
  /** For `dfs` and `idb`: whether the whole bounded space was explored (a proof within the bound). Null for sampling strategies. */
  readonly exhausted: boolean | null;
  /** What the strategy worked with (pct: d, n, k) or covered (dfs, idb: each bound's schedules); null for random and replay. */
  readonly search: StrategySummary | null;
  readonly totals: { readonly steps: number; readonly kernelCalls: number };
  readonly checks: Readonly<Record<CheckId, CheckSummary>>;
  /** Every distinct finding, with the schedules it appeared in. */
  readonly groups: readonly FindingGroup[];
  /** The fault runs made (beyond `schedulesRun`), or null when faults were off (and for `replay`). */
  readonly faults: FaultSummary | null;
  /** The timeline of the (single) schedule, when `timeline` was asked for. */
  readonly timeline: readonly TraceEntry[];
  /** For `replay`: why the run did not match the code, if it did not. */
  readonly divergence: string | null;
  /**
   * The schedules the grader could not decide — the scenario or an invariant
   * threw, or spinlab itself failed: never the student's fault, and no
   * evidence for any item.
   */
  readonly undecided: readonly UndecidedSchedule[];
  /** Which of the watched routines ran and which watched paths the driver touched, in any schedule. */
  readonly seen: CoverageSeen;
  /** What the driver printed (capped). */
  readonly output: string;
  /** A digest of every schedule's trace, in order: the same strategy and seed give the same digest, always. */
  readonly digest: string;
}

/** Explores a driver under a scenario. */
export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  const strategyName = options.strategy ?? 'pct';
  const seed = (options.seed ?? 1) >>> 0;
  const planned = strategyName === 'replay' ? 1 : Math.max(0, Math.floor(options.schedules ?? 100));
  const cpus = options.cpus ?? options.scenario.cpus ?? 4;
  const maxSteps = options.maxSteps ?? 20_000;
  const strategy = makeStrategy(strategyName, seed, { depth: options.depth ?? options.pctDepth, bound: options.bound ?? options.preemptionBound, schedule: options.schedule });
  const checks = options.checks ?? CHECKS;
  const collector = new FindingCollector(checks.map((c) => c.id));
  const instances: CheckInstance[] = checks.map((check) => check.create((draft) => collector.add(draft)));
  const coverage = new CoverageTracker(options.watch ?? { routines: [], paths: [] });
  const bus = new EventBus(options.watch === undefined ? instances : [...instances, coverage]);
  const log = new ScheduleLog();
  const undecided: UndecidedSchedule[] = [];
  let output = '';
  let timeline: readonly TraceEntry[] = [];
  let steps = 0;
  let kernelCalls = 0;
  let run = 0;
  let digest = 0x811c9dc5;
  const occurrences = strategyName === 'replay' ? 0 : Math.max(0, Math.floor(options.faults ?? DEFAULT_FAULT_OCCURRENCES));
  const faults = occurrences > 0 ? new FaultPlanner(occurrences) : null;
  /** Runs schedule `index` under `plan`; returns whether the exploration must stop (`stopWhen`). */
  const runSchedule = async (index: number, plan: ExecutionPlan, fault: FaultTarget | null): Promise<boolean> => {
    collector.startSchedule(index);
    const outcome = await runExecution({
      realm: options.driver,
      scenario: options.scenario,
      plan,
      cpus,
      maxSteps,
      bus,
      onStart: (x) => instances.forEach((instance) => instance.startSchedule?.(x, index)),
      // A timeline (a replay) also captures the student's position of every line.
      capture: options.timeline === true,
      timeline: options.timeline === true,
      accessPoints: options.accessPoints !== false,
      print: (text) => {
        if (output.length < 16_384) output += text;
      },
    });
    if (fault === null) strategy.finishExecution(outcome);
    faults?.learn(outcome.faultSites);
    if (options.watch !== undefined) coverage.afterSchedule();
    run++;
    steps += outcome.steps;
    kernelCalls += outcome.kernelCalls;
    if (outcome.undecided !== null) undecided.push({ schedule: index, ...outcome.undecided });
    if (options.timeline === true) timeline = outcome.timeline;
    log.record(index, outcome, fault);
    digest = Math.imul(digest ^ outcome.digest, 16777619) >>> 0;
    const { added, seen, earlier } = collector.endSchedule(index, () => log.code(index)!, outcome.steps);
    const progress = { schedule: index, code: added.length > 0 ? added[0]!.code : '', added, seen, earlier, ...(outcome.undecided === null ? {} : { undecided: outcome.undecided }) };
    options.onSchedule?.(progress);
    // Let the event loop breathe between schedules (streamed output, the stuck-routine watchdog).
    await new Promise<void>((resolve) => setImmediate(resolve));
    return options.stopWhen?.(progress) === true;
  };
  let stopped = false;
  for (let index = 0; index < planned && !stopped; index++) {
    const plan = strategy.startExecution(index);
    if (plan === null) break;
    stopped = await runSchedule(index, plan, null);
  }
  const strategyRuns = run;
  for (let target = faults?.next() ?? null; target !== null && !stopped; target = faults!.next()) {
    const n = faults!.runs - 1;
    const plan = faultRunPlan(strategy, strategyName, seed, n, planned + n, target);
    if (plan === null) break;
    stopped = await runSchedule(strategyRuns + n, plan, target);
  }
  if ((options.minimize ?? options.locate !== false) && strategyName !== 'replay' && run > 0) {
    const minimized = await minimizeGroups(collector.groups(), log, {
      realm: options.driver,
      scenario: options.scenario,
      cpus,
      maxSteps,
      checks,
      exploredSteps: steps,
      accessPoints: options.accessPoints,
    });
    for (const m of minimized) {
      if (m.outcome === 'shrunk') collector.revise(m.id, m.finding, m.code);
      options.onMinimized?.(m);
    }
  }
  if (strategyName !== 'replay' && run > 0) {
    const witnessed = await witnessHazards(collector.groups(), log, { realm: options.driver, scenario: options.scenario, cpus, maxSteps, accessPoints: options.accessPoints });
    for (const w of witnessed) collector.revise(w.id, w.finding, w.code);
  }
  const groups = collector.groups();
  if (options.locate !== false && groups.length > 0) {
    await locateFindings(groups, log, {
      realm: options.driver,
      scenario: options.scenario,
      cpus,
      maxSteps,
      strategy: strategyName,
      seed,
      accessPoints: options.accessPoints,
    });
  }
  return {
    strategy: strategyName,
    seed,
    cpus,
    schedulesPlanned: planned,
    schedulesRun: strategyRuns,
    faults: faults?.summary() ?? null,
    exhausted: strategy.exhausted(),
    search: strategy.summary(),
    totals: { steps, kernelCalls },
    checks: collector.summaries(run),
    groups,
    timeline,
    divergence: 'divergence' in strategy ? ((strategy as { divergence: string | null }).divergence ?? null) : null,
    undecided,
    seen: coverage.seen(),
    output,
    digest: digest.toString(16).padStart(8, '0'),
  };
}
