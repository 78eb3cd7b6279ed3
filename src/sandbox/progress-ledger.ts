/**
 * The grader's account of one sandboxed exploration, kept from the child's
 * verified messages. Beyond their seals, the messages must agree with the
 * plan: schedules reported once each, in order, none past the plan; every
 * finding seen again was reported first; a `done` only after every planned
 * schedule (or a bounded search, dfs or idb, that says it exhausted its space), listing exactly the
 * findings reported, and saying of each marked statement whether it ran. Anything else is a breach, graded as a crash.
 */
import { BOUNDED_STRATEGIES, MAX_FAULT_RUNS, SITUATIONS, type CoverageSeen, type ExploreResult, type FaultSummary, type FindingGroup, type Situation, type StrategyName } from '../explore/index.js';
import { reportedSearch } from './reported-search.js';
import type { UndecidedSchedule } from '../scenario/index.js';
import { ChannelBreach } from './sealed-channel.js';

/** The plan the grader handed the child. */
export interface LedgerPlan {
  readonly strategy: StrategyName;
  readonly schedules: number;
  /** PCT's depth and the bounded searches' bound, when the plan fixed them: the summary must say the same. */
  readonly depth?: number;
  readonly bound?: number;
  /** How many statements of the driver carry a line-coverage mark (default 0): the `done` must say of each whether it ran. */
  readonly statements?: number;
  /** Occurrences failed per faultable site (0 or absent: the child may make no fault run). */
  readonly faults?: number;
}

/** How the child ended, as far as its messages say. */
export type LedgerEnd =
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: ExploreResult; /** Character `i`: `1` if statement `i` ran in some schedule. */ readonly ran: string }
  | { readonly kind: 'failed'; readonly phase: 'setup' | 'explore'; readonly message: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The verified record of a sandboxed exploration. */
export class ProgressLedger {
  private readonly byId = new Map<string, FindingGroup>();
  private readonly undecidedSchedules: UndecidedSchedule[] = [];
  private readonly planned: number;
  /** The most schedules the child may report: the planned ones and the fault runs it may add. */
  private readonly limit: number;
  /** Schedules reported so far, fault runs included (they are numbered 0, 1, 2…). */
  schedulesRun = 0;
  end: LedgerEnd = { kind: 'running' };

  constructor(private readonly plan: LedgerPlan) {
    this.planned = plan.strategy === 'replay' ? 1 : Math.max(0, Math.floor(plan.schedules));
    this.limit = this.planned + (plan.strategy !== 'replay' && (plan.faults ?? 0) > 0 ? MAX_FAULT_RUNS : 0);
  }

  /** The findings decided so far, each with the schedules it appeared in. */
  get groups(): FindingGroup[] {
    return [...this.byId.values()];
  }

  /** The schedules reported so far that the grader could not decide, and why. */
  get undecided(): UndecidedSchedule[] {
    return [...this.undecidedSchedules];
  }

  /** Takes one verified message; throws {@link ChannelBreach} when it does not fit. */
  accept(message: unknown): void {
    if (this.end.kind !== 'running') throw new ChannelBreach('the sandbox spoke after its exploration ended');
    if (!isObject(message)) throw new ChannelBreach('the sandbox sent a message that is not an object');
    switch (message.type) {
      case 'progress':
        return this.progress(message.schedules);
      case 'done':
        return this.done(message.result, message.ran);
      case 'failed':
        if ((message.phase !== 'setup' && message.phase !== 'explore') || typeof message.message !== 'string') throw new ChannelBreach('the sandbox sent a malformed failure');
        this.end = { kind: 'failed', phase: message.phase, message: message.message };
        return;
      default:
        throw new ChannelBreach('the sandbox sent a message of no known type');
    }
  }

  private progress(entries: unknown): void {
    if (!Array.isArray(entries)) throw new ChannelBreach('the sandbox sent malformed progress');
    for (const entry of entries) {
      if (!isObject(entry) || entry.schedule !== this.schedulesRun || !Array.isArray(entry.added) || !Array.isArray(entry.seen)) {
        throw new ChannelBreach(`the sandbox reported schedules out of order (expected schedule ${this.schedulesRun})`);
      }
      if (this.schedulesRun >= this.limit) throw new ChannelBreach(`the sandbox reported more schedules than the ${this.planned} planned${this.limit > this.planned ? ` and ${this.limit - this.planned} fault runs` : ''}`);
      const schedule = this.schedulesRun++;
      if (entry.undecided !== undefined) this.undecidedSchedules.push({ schedule, ...undecidedOf(entry.undecided) });
      for (const group of entry.added) {
        if (!isObject(group) || typeof group.id !== 'string' || !isObject(group.finding) || typeof group.code !== 'string' || this.byId.has(group.id)) {
          throw new ChannelBreach('the sandbox reported a malformed or repeated finding');
        }
        this.byId.set(group.id, { ...(group as unknown as FindingGroup), schedules: [] });
      }
      for (const id of entry.seen) {
        const group = typeof id === 'string' ? this.byId.get(id) : undefined;
        if (group === undefined) throw new ChannelBreach('the sandbox reported a finding it never described');
        if (group.schedules[group.schedules.length - 1] !== schedule) group.schedules.push(schedule);
      }
      for (const pair of Array.isArray(entry.earlier) ? entry.earlier : []) {
        const [id, before] = Array.isArray(pair) ? (pair as unknown[]) : [];
        const group = typeof id === 'string' ? this.byId.get(id) : undefined;
        if (group === undefined || !Array.isArray(before) || !before.every((s) => Number.isInteger(s) && (s as number) >= 0 && (s as number) < schedule)) {
          throw new ChannelBreach('the sandbox reported a finding in schedules that do not fit');
        }
        for (const s of before as number[]) if (!group.schedules.includes(s)) group.schedules.push(s);
        group.schedules.sort((a, b) => a - b);
      }
    }
  }

  private done(result: unknown, ran: unknown): void {
    if (typeof ran !== 'string' || ran.length !== (this.plan.statements ?? 0) || !/^[01]*$/.test(ran)) throw new ChannelBreach('the sandbox sent malformed line coverage');
    if (!isObject(result) || !Array.isArray(result.groups) || typeof result.schedulesRun !== 'number') throw new ChannelBreach('the sandbox sent a malformed result');
    const faults = faultsOf(result.faults, this.limit > this.planned);
    const strategyRuns = this.schedulesRun - (faults?.runs ?? 0);
    if (result.schedulesRun !== strategyRuns) {
      throw new ChannelBreach(`the sandbox claimed ${String(result.schedulesRun)} schedules and ${faults?.runs ?? 0} fault runs but reported ${this.schedulesRun}`);
    }
    const exhausted = BOUNDED_STRATEGIES.includes(this.plan.strategy) && result.exhausted === true;
    if (strategyRuns !== this.planned && !exhausted) {
      throw new ChannelBreach(`the sandbox finished after ${strategyRuns} of ${this.planned} planned schedules`);
    }
    const ids = new Set<string>();
    for (const group of result.groups) {
      if (!isObject(group) || typeof group.id !== 'string' || !this.byId.has(group.id)) throw new ChannelBreach('the sandbox\'s result lists a finding it never reported');
      ids.add(group.id);
    }
    if (ids.size !== this.byId.size) throw new ChannelBreach('the sandbox\'s result leaves out findings it reported');
    // The located findings come from the result; the schedules each appeared in, and those left undecided, from the progress as it came.
    const groups = (result.groups as FindingGroup[]).map((group) => ({ ...group, schedules: this.byId.get(group.id)!.schedules }));
    const search = reportedSearch(result.search, this.plan, result.exhausted, strategyRuns);
    this.end = { kind: 'done', result: { ...(result as unknown as ExploreResult), groups, undecided: this.undecided, seen: seenOf(result.seen), search, faults }, ran };
  }
}

/** A result's `faults` as the child reported it, checked: null when the plan allowed no fault run. */
function faultsOf(value: unknown, allowed: boolean): FaultSummary | null {
  if (value === null || value === undefined) return null;
  const count = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (!allowed || !isObject(value) || !count(value.sites) || !count(value.runs) || value.runs > MAX_FAULT_RUNS) throw new ChannelBreach('the sandbox sent a malformed fault summary');
  return { sites: value.sites, runs: value.runs };
}

/** A result's `seen` as the child reported it, checked; none when it says nothing (nothing is then taken as seen). */
function seenOf(value: unknown): CoverageSeen {
  if (value === undefined) return { routines: [], paths: [], invariants: [], used: [], shared: [], situations: [] };
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((item) => typeof item === 'string');
  const situations = (list: unknown): list is Situation[] => Array.isArray(list) && list.every((item) => (SITUATIONS as readonly unknown[]).includes(item));
  if (!isObject(value) || !strings(value.routines) || !strings(value.paths) || !strings(value.invariants) || !strings(value.used) || !strings(value.shared) || !situations(value.situations)) throw new ChannelBreach('the sandbox sent a malformed coverage');
  return { routines: value.routines, paths: value.paths, invariants: value.invariants, used: value.used, shared: value.shared, situations: value.situations };
}

/** A schedule's `undecided` as the child reported it, checked (only its own fields are kept). */
function undecidedOf(value: unknown): Omit<UndecidedSchedule, 'schedule'> {
  if (!isObject(value) || (value.cause !== 'scenario' && value.cause !== 'invariant' && value.cause !== 'internal') || typeof value.message !== 'string' || typeof value.stack !== 'string') {
    throw new ChannelBreach('the sandbox sent a malformed undecided schedule');
  }
  if (value.invariant !== undefined && typeof value.invariant !== 'string') throw new ChannelBreach('the sandbox sent a malformed undecided schedule');
  const invariant = value.invariant as string | undefined;
  return { cause: value.cause, ...(invariant === undefined ? {} : { invariant }), message: value.message, stack: value.stack };
}
