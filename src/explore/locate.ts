/**
 * Fills in the source sites of findings. Exploring does not capture stacks
 * (too slow for every call and access); instead each schedule a finding
 * points into is replayed once with capture on, which gives the student's
 * position for every event sequence number.
 */
import { EventBus, type GuestRealm, type RawSite } from '../machine/index.js';
import type { ScenarioDefinition } from '../scenario/index.js';
import type { FindingGroup } from './collector.js';
import { runExecution } from './execution-runner.js';
import { ReplayStrategy } from './replay.js';
import type { ScheduleLog } from './schedule-log.js';
import type { StrategyName } from './strategy.js';

/** Where to replay. */
export interface LocateOptions {
  readonly realm: GuestRealm;
  readonly scenario: ScenarioDefinition;
  readonly cpus: number;
  readonly maxSteps: number;
  readonly strategy: StrategyName;
  readonly seed: number;
}

const NO_OBSERVERS = new EventBus([]);

/** At most this many schedules are replayed to locate findings. */
const MAX_REPLAYS = 64;

/** Replays the schedules `groups` point into and fills in their sites. */
export async function locateFindings(groups: readonly FindingGroup[], log: ScheduleLog, options: LocateOptions): Promise<void> {
  const wanted = new Set<number>();
  for (const group of groups) {
    wanted.add(group.finding.schedule);
    for (const r of group.finding.related ?? []) if (r.schedule !== undefined) wanted.add(r.schedule);
  }
  const sites = new Map<number, ReadonlyMap<number, RawSite>>();
  for (const schedule of [...wanted].sort((a, b) => a - b).slice(0, MAX_REPLAYS)) {
    const code = log.code(schedule);
    if (code === undefined) continue;
    sites.set(schedule, await captureSites(code, options));
  }
  for (const group of groups) {
    const finding = group.finding;
    const own = sites.get(finding.schedule);
    finding.site = (finding.stack !== undefined ? options.realm.locate(finding.stack) : undefined) ?? own?.get(finding.seq);
    for (const r of finding.related ?? []) r.site = sites.get(r.schedule ?? finding.schedule)?.get(r.seq);
  }
}

async function captureSites(code: string, options: LocateOptions): Promise<ReadonlyMap<number, RawSite>> {
  const replay = new ReplayStrategy(code);
  const plan = replay.startExecution()!;
  const outcome = await runExecution({
    realm: options.realm,
    scenario: options.scenario,
    plan,
    cpus: options.cpus,
    maxSteps: options.maxSteps,
    bus: NO_OBSERVERS,
    capture: true,
    timeline: false,
    print: () => undefined,
  });
  return outcome.sites;
}
