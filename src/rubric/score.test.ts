import { describe, expect, it } from 'vitest';
import type { FindingGroup } from '../explore/index.js';
import type { RubricItem } from './rubric.js';
import { matches, scoreItems } from './score.js';

function group(check: string, fields: Partial<FindingGroup['finding']>, schedules: number[]): FindingGroup {
  return {
    id: `${check}|x`,
    code: 'AbC',
    schedules,
    finding: { check: check as never, rule: 'r', message: 'm', key: 'x', seq: 1, schedule: schedules[0]!, step: 1, cpu: 0, context: 'thread', routine: 'DispatchWrite', irql: 0, ...fields },
  };
}

const item = (fields: Partial<RubricItem>): RubricItem => ({ id: 'i', title: 't', check: 'data-race', points: 4, credit: 'all', visibility: 'visible', ...fields });
const describe_ = () => ({}) as never;

describe('matching findings to items', () => {
  it('filters by check, routine (either side), target path prefix and invariant name', () => {
    const race = group('data-race', { target: 'ext.Queue[3].Length', related: [{ label: 'other', seq: 2, cpu: 1, context: 'dpc', routine: 'DrainDpc', irql: 2 }] }, [0]);
    expect(matches(item({}), race)).toBe(true);
    expect(matches(item({ check: 'deadlock' }), race)).toBe(false);
    expect(matches(item({ target: 'ext.Queue' }), race)).toBe(true);
    expect(matches(item({ target: 'ext.Queue[3]' }), race)).toBe(true);
    expect(matches(item({ target: 'ext.Qu' }), race)).toBe(false);
    expect(matches(item({ routine: 'DrainDpc' }), race)).toBe(true);
    expect(matches(item({ routine: 'DispatchRead' }), race)).toBe(false);
    const lock = group('held-at-return', { lock: 'ext.Lock' }, [0]);
    expect(matches(item({ check: 'held-at-return', target: 'ext.Lock' }), lock)).toBe(true);
    const invariant = group('invariant', { name: 'count' }, [0]);
    expect(matches(item({ check: 'invariant', name: 'count' }), invariant)).toBe(true);
    expect(matches(item({ check: 'invariant', name: 'progress' }), invariant)).toBe(false);
    expect(matches(item({ check: 'invariant' }), invariant)).toBe(true);
  });
});

describe('scoring a finding of the all-paths rule', () => {
  const onEveryPath: FindingGroup = { ...group('held-at-return', { allPaths: { file: 'driver.ts', line: 9, path: [4, 9] } }, [0]), code: '', schedules: [] };
  const evidence = { groups: [onEveryPath], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], seen: null, typecheck: [] };

  it('loses its item whole, with no schedule failed and none to replay', () => {
    const [all, fraction, other] = scoreItems(
      [item({ id: 'a', check: 'held-at-return' }), item({ id: 'f', check: 'held-at-return', credit: 'fraction' }), item({ id: 'o', check: 'release-not-held' })],
      evidence,
      describe_,
    );
    expect(all).toMatchObject({ passed: false, points: 0, schedulesFailed: 0, firstFailedSchedule: null });
    expect(fraction).toMatchObject({ passed: false, points: 0 });
    expect(other).toMatchObject({ passed: true, points: 4 });
  });
});

describe('scoring', () => {
  const evidence = { groups: [group('data-race', { target: 'ext.Count' }, [1, 3, 3, 7].filter((v, i, a) => a.indexOf(v) === i))], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], seen: null, typecheck: [] };

  it('all-credit items lose everything on any finding; fraction items keep the share of clean schedules', () => {
    const [all, fraction, clean, typecheck] = scoreItems(
      [item({ id: 'a' }), item({ id: 'f', credit: 'fraction' }), item({ id: 'c', check: 'deadlock' }), item({ id: 't', check: 'typecheck', points: 1 })],
      evidence,
      describe_,
    );
    expect(all).toMatchObject({ points: 0, passed: false, schedulesFailed: 3 });
    expect(fraction).toMatchObject({ points: 2.8, passed: false });
    expect(clean).toMatchObject({ points: 4, passed: true, schedulesFailed: 0 });
    expect(typecheck).toMatchObject({ points: 1, passed: true });
  });

  it('gives each item the first schedule that failed it, across its groups; null for one no schedule failed and for the type-check', () => {
    const later = { ...group('data-race', { target: 'ext.Other' }, [0, 9]), id: 'data-race|other' };
    const [count, any, other, clean, typecheck] = scoreItems(
      [item({ id: 'count', target: 'ext.Count' }), item({ id: 'any' }), item({ id: 'other', target: 'ext.Other' }), item({ id: 'c', check: 'deadlock' }), item({ id: 't', check: 'typecheck', points: 1 })],
      { ...evidence, groups: [...evidence.groups, later], typecheck: [{ kind: 'typecheck', file: 'driver.ts', line: 1, column: 1, message: 'bad' }] },
      describe_,
    );
    expect(count!.firstFailedSchedule).toBe(1);
    expect(any!.firstFailedSchedule).toBe(0);
    expect(other!.firstFailedSchedule).toBe(0);
    expect(clean!.firstFailedSchedule).toBeNull();
    expect(typecheck).toMatchObject({ passed: false, firstFailedSchedule: null });
  });

  it('counts a schedule where the driver never started against every item, first failure included', () => {
    const setup = { ...group('invariant', { name: 'setup' }, [5]), id: 'invariant|setup' };
    const [clean] = scoreItems([item({ id: 'c', check: 'deadlock' })], { ...evidence, groups: [setup] }, describe_);
    expect(clean).toMatchObject({ passed: false, firstFailedSchedule: 5 });
  });

  it('never gives points it did not earn: undecided items after a timeout, a skipped type-check', () => {
    const [undecided, failed, fraction, typecheck] = scoreItems(
      [item({ id: 'u', check: 'deadlock' }), item({ id: 'x' }), item({ id: 'f', check: 'deadlock', credit: 'fraction' }), item({ id: 't', check: 'typecheck', points: 1 })],
      { ...evidence, schedulesRun: 4, complete: false, typecheck: null },
      describe_,
    );
    expect(undecided).toMatchObject({ points: 0, passed: false });
    expect(failed).toMatchObject({ points: 0, passed: false });
    expect(fraction).toMatchObject({ points: 1.6 });
    expect(typecheck).toMatchObject({ points: 0, passed: false });
  });
});

describe('an invariant never reached in some schedules', () => {
  it('says how many of its failing schedules stopped before the final state it judges', () => {
    const unreached = { ...group('invariant', { name: 'count', unreached: true }, [1, 2, 4]), id: 'invariant|count|unreached' };
    const wrong = group('invariant', { name: 'count' }, [2, 5]);
    const evidence = { groups: [unreached, wrong], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], seen: null, typecheck: [] };
    const [count, race] = scoreItems([item({ id: 'count', check: 'invariant', name: 'count' }), item({ id: 'race' })], evidence, describe_);
    // Schedules 1 and 4 only stopped early; 2 also failed on a final state; 5 failed on one.
    expect(count).toMatchObject({ passed: false, schedulesFailed: 4, schedulesUnreached: 2 });
    expect(race).not.toHaveProperty('schedulesUnreached');
  });
});

describe('an item passes only on positive evidence', () => {
  const items = [item({ id: 'clean', check: 'deadlock' }), item({ id: 'raced' }), item({ id: 'fraction', check: 'deadlock', credit: 'fraction' }), item({ id: 't', check: 'typecheck', points: 1 })];
  const race = group('data-race', { target: 'ext.Count' }, [2]);
  const base = { groups: [race], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [] as number[], seen: null, typecheck: [] };

  it('passes an item no finding failed when every planned schedule ran and was decided', () => {
    const [clean, raced, fraction] = scoreItems(items, base, describe_);
    expect(clean).toMatchObject({ points: 4, passed: true });
    expect(raced).toMatchObject({ points: 0, passed: false });
    expect(fraction).toMatchObject({ points: 4, passed: true });
  });

  it('gives no run-based point when a schedule was undecided (the grader failed): items failed by findings stay failed', () => {
    const [clean, raced, fraction, typecheck] = scoreItems(items, { ...base, undecided: [7] }, describe_);
    expect(clean).toMatchObject({ points: 0, passed: false, findings: [] });
    expect(raced).toMatchObject({ points: 0, passed: false, schedulesFailed: 1 });
    expect(raced!.findings).toHaveLength(1);
    expect(fraction).toMatchObject({ points: 0, passed: false });
    // The type-check does not depend on the scenario.
    expect(typecheck).toMatchObject({ points: 1, passed: true });
  });

  it('gives no run-based point when every schedule was undecided, or none ran', () => {
    for (const evidence of [{ ...base, groups: [], undecided: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }, { ...base, groups: [], schedulesRun: 0 }]) {
      const [clean, , fraction, typecheck] = scoreItems(items, evidence, describe_);
      expect(clean).toMatchObject({ points: 0, passed: false });
      expect(fraction).toMatchObject({ points: 0, passed: false });
      expect(typecheck).toMatchObject({ points: 1, passed: true });
    }
  });
});

describe('an item filtered to a routine or a target', () => {
  const items = [item({ id: 'count', target: 'ext.Count' }), item({ id: 'write', check: 'held-at-return', routine: 'DispatchWrite' }), item({ id: 'any', check: 'deadlock' })];
  const base = { groups: [], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], typecheck: [] };

  it('passes when the routine ran and the target was touched', () => {
    const scored = scoreItems(items, { ...base, seen: { routines: ['DispatchWrite'], paths: ['ext.Count'], invariants: [], used: [], shared: ['ext.Count'], situations: [] } }, describe_);
    expect(scored.map((i) => [i.id, i.passed, i.points])).toEqual([['count', true, 4], ['write', true, 4], ['any', true, 4]]);
  });

  it('is lost, saying why, when its routine never ran or its target was never touched (a clean result about nothing)', () => {
    const [count, write, any] = scoreItems(items, { ...base, seen: { routines: [], paths: [], invariants: [], used: [], shared: [], situations: [] } }, describe_);
    expect(count).toMatchObject({ passed: false, points: 0, findings: [{ check: 'data-race', rule: 'no evidence', location: null }] });
    expect(count!.findings[0]!.message).toContain('`ext.Count`');
    expect(write).toMatchObject({ passed: false, points: 0, findings: [{ check: 'held-at-return', rule: 'no evidence' }] });
    expect(write!.findings[0]!.message).toContain('`DispatchWrite` never ran');
    // An item with no filter needs no such evidence.
    expect(any).toMatchObject({ passed: true, points: 4 });
  });

  it('keeps its own findings when it failed anyway', () => {
    const race = group('data-race', { target: 'ext.Count' }, [1]);
    const [count] = scoreItems(items, { ...base, groups: [race], seen: { routines: [], paths: [], invariants: [], used: [], shared: [], situations: [] } }, (g) => ({ check: g.finding.check, rule: g.finding.rule }) as never);
    expect(count).toMatchObject({ passed: false, schedulesFailed: 1, findings: [{ check: 'data-race', rule: 'r' }] });
  });
});

describe('an item on a lock or list (a lock-misuse check with a target)', () => {
  const items = [item({ id: 'list-lock', check: 'api-mismatch', target: 'ext.ListLock' }), item({ id: 'count', target: 'ext.Count' })];
  const base = { groups: [], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], typecheck: [] };

  it('passes when some schedule used the lock; a race item needs only a touch of its field', () => {
    const scored = scoreItems(items, { ...base, seen: { routines: [], paths: ['ext.ListLock', 'ext.Count'], invariants: [], used: ['ext.ListLock'], shared: ['ext.Count'], situations: [] } }, describe_);
    expect(scored.map((i) => [i.id, i.passed])).toEqual([['list-lock', true], ['count', true]]);
  });

  it('is lost as no evidence when the lock was only touched (initialized in AddDevice, never taken)', () => {
    const [listLock, count] = scoreItems(items, { ...base, seen: { routines: [], paths: ['ext.ListLock', 'ext.Count'], invariants: [], used: [], shared: ['ext.Count'], situations: [] } }, describe_);
    expect(listLock).toMatchObject({ passed: false, points: 0, findings: [{ check: 'api-mismatch', rule: 'no evidence' }] });
    expect(listLock!.findings[0]!.message).toContain('`ext.ListLock`');
    expect(count).toMatchObject({ passed: true });
  });
});

describe('a race item with a target', () => {
  const items = [item({ id: 'count', target: 'ext.Count' })];
  const base = { groups: [], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], typecheck: [] };

  it('is lost as no evidence when its field was touched by one routine only (the work that shares it never got there)', () => {
    const [alone] = scoreItems(items, { ...base, seen: { routines: [], paths: ['ext.Count'], invariants: [], used: [], shared: [], situations: [] } }, describe_);
    expect(alone).toMatchObject({ passed: false, points: 0, findings: [{ check: 'data-race', rule: 'no evidence' }] });
    const [shared] = scoreItems(items, { ...base, seen: { routines: [], paths: ['ext.Count'], invariants: [], used: [], shared: ['ext.Count'], situations: [] } }, describe_);
    expect(shared).toMatchObject({ passed: true });
  });
});

describe('an item on a lock order (lock-order, release-order)', () => {
  const items = [item({ id: 'order', check: 'lock-order' }), item({ id: 'release', check: 'release-order' }), item({ id: 'deadlock', check: 'deadlock' })];
  const base = { groups: [], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], typecheck: [] };
  const seen = (situations: ('nested-locks' | 'interrupt-context')[]) => ({ routines: [], paths: [], invariants: [], used: [], shared: [], situations });

  it('passes when some schedule held two locks at once', () => {
    const scored = scoreItems(items, { ...base, seen: seen(['nested-locks']) }, describe_);
    expect(scored.map((i) => [i.id, i.passed])).toEqual([['order', true], ['release', true], ['deadlock', true]]);
  });

  it('is lost as no evidence when no schedule nested (a driver with one lock for everything has no order to get right)', () => {
    const [order, release, deadlock] = scoreItems(items, { ...base, seen: seen([]) }, describe_);
    expect(order).toMatchObject({ passed: false, points: 0, findings: [{ check: 'lock-order', rule: 'no evidence' }] });
    expect(release).toMatchObject({ passed: false, points: 0, findings: [{ check: 'release-order', rule: 'no evidence' }] });
    // A deadlock needs no nesting (an ISR spinning on its own CPU's lock): its item is owed no such evidence.
    expect(deadlock).toMatchObject({ passed: true });
  });

  it('passes a driver that never nests when the item says "nesting": "optional" (an exercise that accepts one lock)', () => {
    const optional = [item({ id: 'order', check: 'lock-order', nesting: 'optional' }), item({ id: 'release', check: 'release-order', nesting: 'optional' })];
    expect(scoreItems(optional, { ...base, seen: seen([]) }, describe_).map((i) => i.passed)).toEqual([true, true]);
  });

  it('lets an ISR that ran vouch for lock-order (its ISR-sharing rule judged it), not for release-order', () => {
    const [order, release] = scoreItems(items, { ...base, seen: seen(['interrupt-context']) }, describe_);
    expect(order).toMatchObject({ passed: true });
    expect(release).toMatchObject({ passed: false, findings: [{ rule: 'no evidence' }] });
  });
});

describe('an invariant item', () => {
  const items = [item({ id: 'edges', check: 'invariant', name: 'edge-requests' }), item({ id: 'any', check: 'invariant' }), item({ id: 'setup', check: 'invariant', name: 'setup' })];
  const base = { groups: [], schedulesPlanned: 10, schedulesRun: 10, complete: true, undecided: [], typecheck: [] };

  it('passes when some schedule judged its invariant and none failed it', () => {
    const scored = scoreItems(items, { ...base, seen: { routines: [], paths: [], invariants: ['edge-requests'], used: [], shared: [], situations: [] } }, describe_);
    expect(scored.map((i) => [i.id, i.passed, i.points])).toEqual([['edges', true, 4], ['any', true, 4], ['setup', true, 4]]);
  });

  it('is lost, saying why, when no schedule judged it (every judge returned null: the case never arose)', () => {
    const [edges, any, setup] = scoreItems(items, { ...base, seen: { routines: [], paths: [], invariants: [], used: [], shared: [], situations: [] } }, describe_);
    expect(edges).toMatchObject({ passed: false, points: 0, schedulesFailed: 0, findings: [{ check: 'invariant', rule: 'no evidence', location: null }] });
    expect(edges!.findings[0]!.message).toContain('`edge-requests`');
    // Under dfs or idb (one workload per seed) it says another seed may draw the case.
    const [bounded] = scoreItems(items, { ...base, seen: { routines: [], paths: [], invariants: [], used: [], shared: [], situations: [] }, oneWorkload: true }, describe_);
    expect(bounded!.findings[0]!.message).toContain('--seed');
    expect(edges!.findings[0]!.message).not.toContain('--seed');
    // No name: every invariant counts, and none is owed evidence by name; `setup` is reported only when it fails.
    expect(any).toMatchObject({ passed: true });
    expect(setup).toMatchObject({ passed: true });
  });
});

describe('a driver that never started', () => {
  it('passes no item in the schedules where it did not start, and the item says why', () => {
    const setup = { ...group('invariant', { name: 'setup', message: 'DriverEntry did not set AddDevice' }, [0, 1, 2]), id: 'invariant|setup' };
    const load = { ...group('routine-threw', { routine: '(module load)' }, [3]), id: 'routine-threw|load' };
    const evidence = { groups: [setup, load], schedulesPlanned: 4, schedulesRun: 4, complete: true, undecided: [], seen: null, typecheck: [] };
    const [race, fraction, typecheck] = scoreItems([item({ id: 'r' }), item({ id: 'f', check: 'deadlock', credit: 'fraction' }), item({ id: 't', check: 'typecheck', points: 1 })], evidence, (g) => ({ id: g.id }) as never);
    expect(race).toMatchObject({ points: 0, passed: false, schedulesFailed: 4, findings: [{ id: 'invariant|setup' }, { id: 'routine-threw|load' }] });
    expect(fraction).toMatchObject({ points: 0, schedulesFailed: 4 });
    expect(typecheck).toMatchObject({ points: 1, passed: true });
  });
});

describe('the type-check item', () => {
  const tc = item({ id: 't', check: 'typecheck', points: 1 });
  const base = { groups: [], schedulesPlanned: 1, schedulesRun: 1, complete: true, undecided: [], seen: null };

  it('carries tsc\'s diagnostics as its findings, place and words', () => {
    const [failed] = scoreItems([tc], { ...base, typecheck: [{ kind: 'typecheck', file: 'driver.ts', line: 3, column: 7, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'.", source: 'const n: number = "x";' }] }, describe_);
    expect(failed).toMatchObject({ passed: false, points: 0, findings: [{ check: 'typecheck', rule: 'tsc TS2322', message: "Type 'string' is not assignable to type 'number'.", location: { file: 'driver.ts', line: 3, column: 7 }, source: 'const n: number = "x";' }] });
  });

  it('says it was not run when it was skipped, and gives nothing', () => {
    const [skipped] = scoreItems([tc], { ...base, typecheck: null }, describe_);
    expect(skipped).toMatchObject({ passed: false, points: 0, findings: [{ check: 'typecheck', location: null }] });
    expect(skipped!.findings[0]!.message).toContain('--no-typecheck');
  });
});
