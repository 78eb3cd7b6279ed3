/** Groups the findings of an exploration: each distinct finding once, with every schedule it appeared in. */
import { findingId, type CheckId, type Finding, type FindingDraft } from '../checks/index.js';
import type { CheckSummary } from './explore.js';
import type { ScheduleOutput } from './schedule-output.js';

/** A distinct finding (same check and key) across schedules. */
export interface FindingGroup {
  /** `check|key`. */
  readonly id: string;
  /** Its first occurrence — as the minimized run reported it, once minimized (sites filled in by the locator). */
  readonly finding: Finding;
  /** The schedule code that replays that occurrence: the first schedule's, or its minimized run's. */
  readonly code: string;
  /** Every schedule (0-based) it appeared in, ascending. */
  readonly schedules: number[];
  /** What the driver printed in the schedule of {@link code} (set by the locator, when it printed anything). */
  output?: ScheduleOutput;
}

/** Collects findings as schedules run. */
export class FindingCollector {
  private readonly byId = new Map<string, FindingGroup>();
  private readonly pending: FindingDraft[] = [];

  constructor(private readonly checkIds: readonly CheckId[]) {}

  /** A schedule begins. */
  startSchedule(_index: number): void {
    this.pending.length = 0;
  }

  /** A check reported `draft` in the current schedule. */
  add(draft: FindingDraft): void {
    this.pending.push(draft);
  }

  /**
   * The schedule ended: files its findings; returns the groups it added, the
   * ids it saw, and the earlier schedules some of them turned out to be in.
   */
  endSchedule(index: number, code: () => string, steps: number): { added: FindingGroup[]; seen: string[]; earlier: Array<[string, number[]]> } {
    const added: FindingGroup[] = [];
    const seen: string[] = [];
    const earlier: Array<[string, number[]]> = [];
    let encoded: string | undefined;
    for (const draft of this.pending) {
      const id = findingId(draft.check, draft.key);
      let group = this.byId.get(id);
      if (group === undefined) {
        encoded ??= code();
        group = { id, finding: { ...draft, schedule: index, step: steps }, code: encoded, schedules: [] };
        this.byId.set(id, group);
        added.push(group);
      }
      if (group.schedules[group.schedules.length - 1] !== index) {
        group.schedules.push(index);
        seen.push(id);
      }
      const before = (draft.alsoIn ?? []).filter((s) => s < index && !group.schedules.includes(s));
      if (before.length > 0) {
        group.schedules.push(...before);
        group.schedules.sort((a, b) => a - b);
        earlier.push([id, before]);
      }
    }
    this.pending.length = 0;
    return { added, seen, earlier };
  }

  /**
   * Reports group `id` with another run's finding and schedule code (its
   * minimized counterexample); the schedules it appeared in stay as explored.
   */
  revise(id: string, finding: Finding, code: string): void {
    const group = this.byId.get(id);
    if (group !== undefined) this.byId.set(id, { ...group, finding, code });
  }

  /** Every group, in order of first appearance. */
  groups(): FindingGroup[] {
    return [...this.byId.values()];
  }

  /** Per check: schedules run and failed, and its first failing schedule. */
  summaries(run: number): Record<CheckId, CheckSummary> {
    const result = {} as Record<CheckId, CheckSummary>;
    for (const id of this.checkIds) {
      const groups = this.groups().filter((g) => g.finding.check === id);
      const failed = new Set<number>();
      for (const group of groups) for (const s of group.schedules) failed.add(s);
      let first: CheckSummary['first'] = null;
      if (groups.length > 0) {
        const schedule = Math.min(...failed);
        const inFirst = groups.filter((g) => g.schedules.includes(schedule));
        const firstGroup = groups.find((g) => g.finding.schedule === schedule) ?? inFirst[0]!;
        first = { schedule, code: firstGroup.code, findings: inFirst.map((g) => g.finding) };
      }
      result[id] = { schedulesRun: run, schedulesFailed: failed.size, first };
    }
    return result;
  }
}
