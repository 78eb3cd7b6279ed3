import { describe, expect, it } from 'vitest';
import { ProgressLedger } from './progress-ledger.js';
import { ChannelBreach } from './sealed-channel.js';

const group = (id: string) => ({ id, finding: { check: 'data-race' }, code: 'AA', schedules: [] });
const entry = (schedule: number, added: unknown[] = [], seen: string[] = []) => ({ schedule, added, seen });
const PCT_SEARCH = { kind: 'pct', depth: 3, threads: 2, steps: 10 };
const result = (schedulesRun: number, groups: unknown[] = [], extra: Record<string, unknown> = {}, ran: unknown = '') => ({ type: 'done', result: { schedulesRun, groups, exhausted: null, search: PCT_SEARCH, ...extra }, ran });
const bounded = (coveredBound: number | null, schedulesPerBound: number[]) => ({ kind: 'bounded', measure: 'preemptions', bound: 2, coveredBound, schedulesPerBound });

describe('the progress ledger', () => {
  it('keeps verified findings with the schedules they appeared in, and accepts a done that matches', () => {
    const ledger = new ProgressLedger({ strategy: 'pct', schedules: 3 });
    ledger.accept({ type: 'progress', schedules: [entry(0), entry(1, [group('a')], ['a'])] });
    ledger.accept({ type: 'progress', schedules: [entry(2, [], ['a'])] });
    expect(ledger.groups.map((g) => [g.id, g.schedules])).toEqual([['a', [1, 2]]]);
    ledger.accept(result(3, [group('a')]));
    expect(ledger.end.kind).toBe('done');
  });

  it.each([
    ['a schedule skipped', [{ type: 'progress', schedules: [entry(1)] }]],
    ['a schedule repeated', [{ type: 'progress', schedules: [entry(0), entry(0)] }]],
    ['more schedules than planned', [{ type: 'progress', schedules: [entry(0), entry(1), entry(2), entry(3)] }]],
    ['a finding seen but never described', [{ type: 'progress', schedules: [entry(0, [], ['ghost'])] }]],
    ['a finding described twice', [{ type: 'progress', schedules: [entry(0, [group('a')]), entry(1, [group('a')])] }]],
    ['a done before the planned schedules', [{ type: 'progress', schedules: [entry(0)] }, result(1)]],
    ['a done claiming more schedules than reported', [result(3)]],
    ['a done that drops a reported finding', [{ type: 'progress', schedules: [entry(0, [group('a')]), entry(1), entry(2)] }, result(3, [])]],
    ['a done that adds an unreported finding', [{ type: 'progress', schedules: [entry(0), entry(1), entry(2)] }, result(3, [group('b')])]],
    ['a message after done', [{ type: 'progress', schedules: [entry(0), entry(1), entry(2)] }, result(3), { type: 'progress', schedules: [] }]],
    ['a message of no known type', [{ type: 'score', score: 100 }]],
    ['a malformed failure', [{ type: 'failed', phase: 'later', message: 'x' }]],
    ['an undecided schedule of no known cause', [{ type: 'progress', schedules: [{ ...entry(0), undecided: { cause: 'student', message: 'x', stack: '' } }] }]],
    ['a done with a malformed coverage', [{ type: 'progress', schedules: [entry(0), entry(1), entry(2)] }, result(3, [], { seen: { routines: 'DispatchWrite', paths: [] } })]],
    ['a done without its line coverage', [{ type: 'progress', schedules: [entry(0), entry(1), entry(2)] }, result(3, [], {}, null)]],
    ['a done whose line coverage has another length than the marks', [{ type: 'progress', schedules: [entry(0), entry(1), entry(2)] }, result(3, [], {}, '1')]],
    ['an undecided schedule without its message', [{ type: 'progress', schedules: [{ ...entry(0), undecided: { cause: 'scenario', stack: '' } }] }]],
  ])('treats %s as a breach', (_name, messages) => {
    const ledger = new ProgressLedger({ strategy: 'pct', schedules: 3 });
    expect(() => {
      for (const message of messages) ledger.accept(message);
    }).toThrow(ChannelBreach);
  });

  it('keeps the line coverage the done says, one character a marked statement', () => {
    const ledger = new ProgressLedger({ strategy: 'pct', schedules: 1, statements: 3 });
    ledger.accept({ type: 'progress', schedules: [entry(0)] });
    ledger.accept(result(1, [], {}, '101'));
    expect(ledger.end).toMatchObject({ kind: 'done', ran: '101' });
    const forged = new ProgressLedger({ strategy: 'pct', schedules: 1, statements: 3 });
    forged.accept({ type: 'progress', schedules: [entry(0)] });
    expect(() => forged.accept(result(1, [], {}, '1x1'))).toThrow(ChannelBreach);
  });

  it('keeps the undecided schedules as they came, whatever the done says', () => {
    const ledger = new ProgressLedger({ strategy: 'pct', schedules: 3 });
    const thrown = { cause: 'invariant', invariant: 'count', message: 'TypeError: x', stack: 'at count (scenario.js:9:3)', extra: 'dropped' };
    ledger.accept({ type: 'progress', schedules: [entry(0), { ...entry(1), undecided: thrown }] });
    expect(ledger.undecided).toEqual([{ schedule: 1, cause: 'invariant', invariant: 'count', message: 'TypeError: x', stack: 'at count (scenario.js:9:3)' }]);
    ledger.accept({ type: 'progress', schedules: [entry(2)] });
    // A done that claims no undecided schedule does not erase the one reported.
    ledger.accept(result(3, [], { undecided: [] }));
    expect(ledger.end).toMatchObject({ kind: 'done', result: { undecided: [{ schedule: 1, cause: 'invariant' }] } });
  });

  it('accepts an early done only from a DFS that exhausted its space', () => {
    const dfs = new ProgressLedger({ strategy: 'dfs', schedules: 100 });
    dfs.accept({ type: 'progress', schedules: [entry(0), entry(1)] });
    dfs.accept(result(2, [], { exhausted: true, search: bounded(2, [1, 1, 0]) }));
    expect(dfs.end).toMatchObject({ kind: 'done', result: { search: { coveredBound: 2, schedulesPerBound: [1, 1, 0] } } });
    const pct = new ProgressLedger({ strategy: 'pct', schedules: 100 });
    pct.accept({ type: 'progress', schedules: [entry(0), entry(1)] });
    expect(() => pct.accept(result(2, [], { exhausted: true }))).toThrow(ChannelBreach);
  });

  it('takes a strategy summary only when it fits the plan and the schedules reported', () => {
    const run = (strategy: 'dfs' | 'pct' | 'random', extra: Record<string, unknown>) => {
      const ledger = new ProgressLedger({ strategy, schedules: 2 });
      ledger.accept({ type: 'progress', schedules: [entry(0), entry(1)] });
      ledger.accept(result(2, [], extra));
      return ledger.end;
    };
    expect(run('dfs', { search: bounded(0, [1, 1]) })).toMatchObject({ kind: 'done', result: { search: { coveredBound: 0 } } });
    // Bound 1 covered would have started bound 2.
    expect(() => run('dfs', { search: bounded(1, [1, 1]) })).toThrow(ChannelBreach);
    expect(() => run('dfs', { search: bounded(null, [1, 1]) })).toThrow(ChannelBreach);
    expect(run('random', { search: null })).toMatchObject({ kind: 'done', result: { search: null } });
    expect(() => run('dfs', { search: bounded(1, [1, 5]) })).toThrow(ChannelBreach);
    expect(() => run('dfs', { exhausted: true, search: bounded(0, [1, 1]) })).toThrow(ChannelBreach);
    expect(() => run('dfs', { search: PCT_SEARCH })).toThrow(ChannelBreach);
    expect(() => run('pct', { search: { ...PCT_SEARCH, steps: -1 } })).toThrow(ChannelBreach);
    const planned = new ProgressLedger({ strategy: 'dfs', schedules: 2, bound: 3 });
    planned.accept({ type: 'progress', schedules: [entry(0), entry(1)] });
    expect(() => planned.accept(result(2, [], { search: bounded(0, [1, 1]) }))).toThrow(ChannelBreach);
    expect(() => run('random', { search: PCT_SEARCH })).toThrow(ChannelBreach);
  });

  it('adds the earlier schedules a finding turned out to be in, and refuses ones that do not fit', () => {
    const ledger = new ProgressLedger({ strategy: 'pct', schedules: 3 });
    ledger.accept({ type: 'progress', schedules: [entry(0), entry(1), { ...entry(2, [group('cycle')], ['cycle']), earlier: [['cycle', [0, 1]]] }] });
    expect(ledger.groups[0]!.schedules).toEqual([0, 1, 2]);
    const bad = new ProgressLedger({ strategy: 'pct', schedules: 3 });
    expect(() => bad.accept({ type: 'progress', schedules: [{ ...entry(0, [group('c')], ['c']), earlier: [['c', [0]]] }] })).toThrow(ChannelBreach);
    expect(() => bad.accept({ type: 'progress', schedules: [{ ...entry(0), earlier: [['ghost', []]] }] })).toThrow(ChannelBreach);
  });
});


describe('ProgressLedger and fault runs', () => {
  const faultResult = (schedulesRun: number, faults: unknown) => ({ type: 'done', result: { schedulesRun, groups: [], exhausted: null, search: null, faults }, ran: '' });

  it('accepts fault runs past the planned schedules when the plan allows them', () => {
    const ledger = new ProgressLedger({ strategy: 'random', schedules: 2, faults: 2 });
    ledger.accept({ type: 'progress', schedules: [entry(0), entry(1), entry(2), entry(3)] });
    ledger.accept(faultResult(2, { sites: 1, runs: 2 }));
    expect(ledger.end.kind).toBe('done');
  });

  it.each([
    ['fault runs the plan did not allow', { strategy: 'random', schedules: 2 }, 4, { sites: 1, runs: 2 }],
    ['fault runs it did not report', { strategy: 'random', schedules: 2, faults: 2 }, 2, { sites: 1, runs: 2 }],
    ['a malformed fault summary', { strategy: 'random', schedules: 2, faults: 2 }, 2, { sites: -1, runs: 0 }],
  ] as const)('treats %s as a breach', (_name, plan, reported, faults) => {
    const ledger = new ProgressLedger(plan);
    expect(() => {
      ledger.accept({ type: 'progress', schedules: Array.from({ length: reported }, (_, i) => entry(i)) });
      ledger.accept(faultResult(2, faults));
    }).toThrow(ChannelBreach);
  });
});
