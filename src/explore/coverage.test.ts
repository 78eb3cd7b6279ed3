import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, interrupts, readersWriters, writers } from '../../test/fixtures/scenarios/index.js';
import { defineScenario } from '../scenario/index.js';
import { pathCovers } from './path-covers.js';

describe('what an exploration saw', () => {
  it('says which watched routines ran and which watched paths the driver touched', async () => {
    const run = await exploreFixture('counter', writers(1), {
      schedules: 3,
      watch: { routines: ['DispatchWrite', 'DrainDpc', 'AddDevice'], paths: ['ext.Count', 'ext.count', 'ext.Lock', 'ext', 'ext.Queue', 'driver.DriverExtension'] },
    });
    expect(run.result.seen).toEqual({ routines: ['DispatchWrite', 'AddDevice'], paths: ['ext.Count', 'ext.Lock', 'ext', 'driver.DriverExtension'], invariants: [], used: [], shared: [], situations: [] });
  });

  it('watches nothing by default', async () => {
    const run = await exploreFixture('counter', writers(1), { schedules: 2 });
    expect(run.result.seen).toEqual({ routines: [], paths: [], invariants: [], used: [], shared: [], situations: [] });
  });

  it('says which watched invariants and assertions some schedule judged: not one whose judge returned null each time, nor one never reached', async () => {
    const scenario = defineScenario({
      ...writers(1),
      workload: (draw) => ({ odd: draw.int(0, 1) === 1 }),
      async run(sim, w: { odd: boolean }) {
        const device = await sim.start();
        if (device === null) return;
        sim.thread('writer', 0, async (t) => {
          await t.write(device, [1]);
          if (w.odd) t.assert('odd-write', true);
        });
        await sim.join();
      },
      assertions: ['odd-write', 'never-asserted'],
      invariants: {
        count: (s) => s.ext.Count === 1,
        'some-schedules': (_s, w: { odd: boolean }) => (w.odd ? true : null),
        'no-schedule': () => null,
      },
    });
    const watch = { routines: [], paths: [], invariants: ['count', 'some-schedules', 'no-schedule', 'odd-write', 'never-asserted', 'progress'] };
    const run = await exploreFixture('counter', scenario, { schedules: 12, watch });
    expect(run.result.groups).toEqual([]);
    expect(run.result.seen.invariants).toEqual(['count', 'some-schedules', 'odd-write', 'progress']);
  });

  it('says which watched locks and lists were used — taken, or handed to an ExInterlocked or list routine — not merely initialized', async () => {
    const used = ['ext.Lock', 'ext.Count'];
    const counter = await exploreFixture('counter', writers(1), { schedules: 2, watch: { routines: [], paths: [], used } });
    // ext.Count is touched, never taken: no use.
    expect(counter.result.seen.used).toEqual(['ext.Lock']);
    const lists = ['ext.ListLock', 'ext.Work', 'ext.CountLock', 'ext.Dpc'];
    const interlocked = await exploreFixture('interlocked-list', deferredWriters(), { schedules: 2, watch: { routines: [], paths: [], used: lists } });
    expect(interlocked.result.seen.used).toEqual(['ext.ListLock', 'ext.Work', 'ext.CountLock']);
  });

  it('says which watched fields two contexts touched in one schedule — not one touched by a single routine', async () => {
    const run = await exploreFixture('counter', writers(1), { schedules: 2, watch: { routines: [], paths: [], shared: ['ext.Count', 'ext.Lock', 'ext.Missing'] } });
    // Every writer reads and writes Count (and its lock); nobody touches Missing.
    expect(run.result.seen.shared).toEqual(['ext.Count', 'ext.Lock']);
    const one = await exploreFixture('counter', writers(1, 1), { schedules: 2, watch: { routines: [], paths: [], shared: ['ext.Count'] } });
    // One writer: AddDevice and DispatchWrite are still two contexts.
    expect(one.result.seen.shared).toEqual(['ext.Count']);
  });

  it('says whether some context held two locks at once, and whether an ISR or SynchCritSection routine ran', async () => {
    const watch = { routines: [], paths: [], situations: ['nested-locks', 'interrupt-context'] as const };
    // One lock, taken alone; no interrupt.
    const counter = await exploreFixture('counter', writers(2), { schedules: 4, watch });
    expect(counter.result.seen.situations).toEqual([]);
    // Two locks, nested (in both orders).
    const abba = await exploreFixture('abba', readersWriters(), { schedules: 4, watch });
    expect(abba.result.seen.situations).toEqual(['nested-locks']);
    // An ISR and SynchCritSection routines run under the interrupt spin lock alone.
    const isr = await exploreFixture('interrupt-correct', interrupts(), { schedules: 4, watch });
    expect(isr.result.seen.situations).toEqual(['interrupt-context']);
    // Watching nothing reports nothing.
    const unwatched = await exploreFixture('abba', readersWriters(), { schedules: 4, watch: { routines: [], paths: [] } });
    expect(unwatched.result.seen.situations).toEqual([]);
  });

  it('covers a path by its prefix at a field or index boundary only', () => {
    expect(pathCovers('ext.Queue', 'ext.Queue')).toBe(true);
    expect(pathCovers('ext.Queue', 'ext.Queue.Count')).toBe(true);
    expect(pathCovers('ext.Queue', 'ext.Queue[3]')).toBe(true);
    expect(pathCovers('ext.Queue', 'ext.QueueLock')).toBe(false);
    expect(pathCovers('ext', 'ext#2.Count')).toBe(false);
  });
});
