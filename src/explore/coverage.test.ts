import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';
import { pathCovers } from './path-covers.js';

describe('what an exploration saw', () => {
  it('says which watched routines ran and which watched paths the driver touched', async () => {
    const run = await exploreFixture('counter', writers(1), {
      schedules: 3,
      watch: { routines: ['DispatchWrite', 'DrainDpc', 'AddDevice'], paths: ['ext.Count', 'ext.count', 'ext.Lock', 'ext', 'ext.Queue', 'driver.DriverExtension'] },
    });
    expect(run.result.seen).toEqual({ routines: ['DispatchWrite', 'AddDevice'], paths: ['ext.Count', 'ext.Lock', 'ext', 'driver.DriverExtension'] });
  });

  it('watches nothing by default', async () => {
    const run = await exploreFixture('counter', writers(1), { schedules: 2 });
    expect(run.result.seen).toEqual({ routines: [], paths: [] });
  });

  it('covers a path by its prefix at a field or index boundary only', () => {
    expect(pathCovers('ext.Queue', 'ext.Queue')).toBe(true);
    expect(pathCovers('ext.Queue', 'ext.Queue.Count')).toBe(true);
    expect(pathCovers('ext.Queue', 'ext.Queue[3]')).toBe(true);
    expect(pathCovers('ext.Queue', 'ext.QueueLock')).toBe(false);
    expect(pathCovers('ext', 'ext#2.Count')).toBe(false);
  });
});
