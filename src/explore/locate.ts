/**
 * Fills in the source sites of findings. Exploring does not capture stacks
 * (too slow for every call and access); instead each schedule a finding
 * points into is replayed once with capture on, which gives the student's
 * position for every event sequence number — and, being the very schedule
 * its code replays, what the driver printed in it.
 */
import { EventBus, type GuestRealm, type RawSite } from '../machine/index.js';
import type { ScenarioDefinition } from '../scenario/index.js';
import type { FindingGroup } from './collector.js';
import { runExecution } from './execution-runner.js';
import { ReplayStrategy } from './replay.js';
import { OutputRecorder, type ScheduleOutput } from './schedule-output.js';
import type { ScheduleLog } from './schedule-log.js';
import type { StrategyName } from './strategy.js';

/** Where to replay. */
export interface LocateOptions {
  readonly realm: GuestRealm;
  readonly scenario: ScenarioDefinition;
  readonly cpus: number;
  /** As the exploration ran (see {@link ExploreOptions.accessPoints}). */
  readonly accessPoints?: boolean;
  readonly maxSteps: number;
  readonly strategy: StrategyName;
  readonly seed: number;
}

const NO_OBSERVERS = new EventBus([]);

/** At most this many schedules are replayed to locate findings. */
const MAX_REPLAYS = 64;

/**
 * Replays the schedules `groups` point into and fills in their sites: each
 * group's own code (its minimized run, when it was minimized), and for a
 * site in another schedule (a lock-order edge, an ISR's acquire), that
 * schedule's code from the log; and each group's {@link FindingGroup.output},
 * when its run printed.
 */
export async function locateFindings(groups: readonly FindingGroup[], log: ScheduleLog, options: LocateOptions): Promise<void> {
  const codeOf = (group: FindingGroup, schedule: number | undefined): string | undefined =>
    schedule === undefined || schedule === group.finding.schedule ? group.code : log.code(schedule);
  const wanted = new Set<string>();
  for (const group of groups) {
    wanted.add(codeOf(group, group.finding.siteSchedule) ?? group.code);
    for (const r of group.finding.related ?? []) {
      const code = codeOf(group, r.schedule);
      if (code !== undefined) wanted.add(code);
    }
  }
  wanted.delete('');
  const replays = new Map<string, Replayed>();
  for (const code of [...wanted].slice(0, MAX_REPLAYS)) replays.set(code, await replayCapturing(code, options));
  const at = (code: string | undefined, seq: number): RawSite | undefined => (code === undefined ? undefined : replays.get(code)?.sites.get(seq));
  for (const group of groups) {
    const output = replays.get(group.code)?.output;
    if (output !== null && output !== undefined) group.output = output;
    const finding = group.finding;
    finding.site = (finding.stack !== undefined ? options.realm.locate(finding.stack) : undefined) ?? at(codeOf(group, finding.siteSchedule), finding.seq);
    for (const r of finding.related ?? []) r.site = at(codeOf(group, r.schedule), r.seq);
  }
}

/** What one replay captured: the site of every event, and what the driver printed. */
interface Replayed {
  readonly sites: ReadonlyMap<number, RawSite>;
  readonly output: ScheduleOutput | null;
}

async function replayCapturing(code: string, options: LocateOptions): Promise<Replayed> {
  const recorder = new OutputRecorder();
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
    accessPoints: options.accessPoints,
    print: (text, site) => recorder.print(text, site),
  });
  return { sites: outcome.sites, output: recorder.output() };
}
