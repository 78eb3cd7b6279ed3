import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { spinlab } from '../helpers/cli.js';

const FIXTURE = 'test/fixtures/all-paths/02-leak-on-undriven-path.ts';

describe('the all-paths rule through spinlab grade', () => {
  it('takes release-on-every-path from a driver whose leak is on a path no workload drives, with the path and no schedule', async () => {
    const run = await spinlab(['grade', '02-executive-lock', FIXTURE, '--json', '--schedules', '40'], { timeout: 120_000 });
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(validateAgainst('result', result)).toEqual([]);
    const item = result.items.find((i: { id: string }) => i.id === 'release-on-every-path');
    expect(item).toMatchObject({ passed: false, points: 0, schedulesFailed: 0, firstFailedSchedule: null });
    expect(item.findings[0]).toMatchObject({
      check: 'held-at-return',
      rule: 'SDV SpinLock',
      routine: 'DispatchWrite',
      lock: 'ext.Lock',
      location: { file: '02-leak-on-undriven-path.ts', line: 69 },
      path: [67, 69],
      schedule: null,
      replay: null,
      related: [{ label: 'ext.Lock acquired here', location: { line: 67 } }],
    });
    // Only the leak's own item is lost: the path never runs, so nothing else sees it.
    expect(result.items.filter((i: { passed: boolean }) => !i.passed).map((i: { id: string }) => i.id)).toEqual(['release-on-every-path']);
  }, 150_000);

  it('shows the path in place of a replay command in the text report', async () => {
    const run = await spinlab(['grade', '02-executive-lock', FIXTURE, '--schedules', '20', '--no-color'], { timeout: 120_000 });
    expect(run.stdout).toContain('path: lines 67, 69 (the all-paths rule: no schedule needed)');
    expect(run.stdout).toContain('held-at-return · found on a path of the source');
  }, 150_000);
});
