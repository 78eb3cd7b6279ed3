/**
 * One cause, one block: which findings follow from another. A check names
 * the finding its own follows from when it knows (a hang on a leaked lock
 * names the routine's held-at-return); an invariant never reached follows
 * from what stopped its schedule (a hang, a deadlock, a bug check). Chains
 * end at their first cause. Presentation and data only: every finding still
 * counts against its items exactly as before.
 */
import type { CheckId } from '../checks/index.js';
import type { FindingGroup } from '../explore/index.js';
import type { ResultFinding, ResultFindingRef } from '../rubric/result.js';

/** The checks whose findings stop a schedule: what an unreached invariant waited for. */
const STOPPING: ReadonlySet<CheckId> = new Set<CheckId>(['recursive-acquire', 'deadlock', 'step-limit', 'routine-threw', 'irql-acquire', 'irql-dpc-level', 'release-not-held', 'uninitialized-lock']);

/** Each group that follows from another, mapped to its first cause (a group of `groups`). */
export function causesOf(groups: readonly FindingGroup[]): Map<FindingGroup, FindingGroup> {
  const byId = new Map(groups.map((group) => [group.id, group]));
  const direct = new Map<FindingGroup, FindingGroup>();
  for (const group of groups) {
    const cause = group.finding.causedBy === undefined ? stopperOf(group, groups) : byId.get(group.finding.causedBy);
    if (cause !== undefined && cause !== group) direct.set(group, cause);
  }
  const first = new Map<FindingGroup, FindingGroup>();
  for (const [group, cause] of direct) {
    let root = cause;
    // A chain is short (invariant → hang → leak); the bound guards a cycle.
    for (let hops = 0; direct.has(root) && hops < groups.length; hops++) root = direct.get(root)!;
    if (root !== group) first.set(group, root);
  }
  return first;
}

/** For an invariant never reached: the finding that stopped its first schedule, if one did (the first such, in the order found). */
function stopperOf(group: FindingGroup, groups: readonly FindingGroup[]): FindingGroup | undefined {
  const finding = group.finding;
  if (finding.check !== 'invariant' || finding.unreached !== true) return undefined;
  return groups.find((g) => STOPPING.has(g.finding.check) && !g.finding.key.startsWith('hazard|') && g.schedules.includes(finding.schedule));
}

/** `group` described by `describe`, with its cause (from `causes`) and the findings that follow from it. */
export function withFolding(group: FindingGroup, causes: ReadonlyMap<FindingGroup, FindingGroup>, describe: (group: FindingGroup) => ResultFinding): ResultFinding {
  const finding = describe(group);
  const cause = causes.get(group);
  const consequences = [...causes].filter(([, c]) => c === group).map(([g]) => refTo(describe(g)));
  return {
    ...finding,
    ...(cause === undefined ? {} : { causedBy: refTo(describe(cause)) }),
    ...(consequences.length === 0 ? {} : { consequences }),
  };
}

function refTo(finding: ResultFinding): ResultFindingRef {
  return { check: finding.check, routine: finding.routine, ...(finding.name === undefined ? {} : { name: finding.name }), location: finding.location };
}

/**
 * Each group of `groups` described once by `plain` and then folded: its
 * cause and consequences (described once too), and the causes it was folded by.
 */
export function foldedDescriber(groups: readonly FindingGroup[], plain: (group: FindingGroup) => ResultFinding): { readonly causes: ReadonlyMap<FindingGroup, FindingGroup>; readonly describe: (group: FindingGroup) => ResultFinding } {
  const causes = causesOf(groups);
  const once = memoized(plain);
  return { causes, describe: memoized((group) => withFolding(group, causes, once)) };
}

function memoized(describe: (group: FindingGroup) => ResultFinding): (group: FindingGroup) => ResultFinding {
  const known = new Map<FindingGroup, ResultFinding>();
  return (group) => {
    let finding = known.get(group);
    if (finding === undefined) known.set(group, (finding = describe(group)));
    return finding;
  };
}
