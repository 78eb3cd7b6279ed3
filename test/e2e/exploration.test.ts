import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, spinlab } from '../helpers/cli.js';

const grade = (submission: string, ...extra: string[]) =>
  spinlab(['grade', 'e2e-count', `test/fixtures/submissions/${submission}`, '--graders', COURSE_GRADERS, '--no-typecheck', ...extra]);
const CLAIM = /No violation within/;

describe('what an exploration covered (spinlab grade)', () => {
  it.each(['dfs', 'idb'])('%s: a correct driver whose bounded space is exhausted gets "no violation within C", in the text and the JSON', async (strategy) => {
    const text = await grade('correct', '--strategy', strategy, '--bound', '0', '--schedules', '5000');
    expect(text.stdout).toMatch(CLAIM);
    const result = JSON.parse((await grade('correct', '--strategy', strategy, '--bound', '0', '--schedules', '5000', '--json')).stdout);
    expect(validateAgainst('result', result)).toEqual([]);
    expect(result.exploration).toMatchObject({ strategy, exhausted: true, bounded: { bound: 0, coveredBound: 0, verified: true, schedulesPerBound: [result.exploration.schedulesRun] } });
    expect(result.exploration.schedulesRun).toBeLessThan(5000);
  });

  it('no claim when the space was exhausted but a race was found (dfs, bound 0)', async () => {
    const text = await grade('buggy', '--strategy', 'dfs', '--bound', '0', '--schedules', '5000');
    expect(text.stdout).not.toMatch(CLAIM);
    const result = JSON.parse((await grade('buggy', '--strategy', 'dfs', '--bound', '0', '--schedules', '5000', '--json')).stdout);
    expect(result.exploration).toMatchObject({ exhausted: true, bounded: { coveredBound: 0, verified: false } });
  });

  it('no claim when the space was not exhausted; says how far each bound got (dfs, bound 2, 40 schedules)', async () => {
    const text = await grade('correct', '--strategy', 'dfs', '--bound', '2', '--schedules', '40');
    expect(text.stdout).not.toMatch(CLAIM);
    const result = JSON.parse((await grade('correct', '--strategy', 'dfs', '--bound', '2', '--schedules', '40', '--json')).stdout);
    const bounded = result.exploration.bounded;
    expect(result.exploration.exhausted).toBe(false);
    expect(bounded).toMatchObject({ measure: 'preemptions', bound: 2, verified: false });
    expect(bounded.coveredBound === null || bounded.coveredBound < 2).toBe(true);
    expect(bounded.schedulesPerBound.reduce((a: number, b: number) => a + b, 0)).toBe(40);
  });

  it('pct: d settable with --depth; d, n and k in the JSON and the guarantee in the text', async () => {
    const result = JSON.parse((await grade('correct', '--depth', '2', '--schedules', '10', '--json')).stdout);
    expect(validateAgainst('result', result)).toEqual([]);
    const { depth, threads, steps } = result.exploration.pct;
    expect(depth).toBe(2);
    expect(threads).toBeGreaterThanOrEqual(2);
    expect(steps).toBeGreaterThan(1);
    const text = await grade('correct', '--depth', '2', '--schedules', '10');
    expect(text.stdout).toContain(`pct d=2 over n=${threads} threads and k=${steps} steps`);
    expect(text.stdout).toContain(`= 1/${threads * steps}`);
  });

  it('firstFailedSchedule: the first schedule that failed each item, null for those that passed and for the type-check', async () => {
    const result = JSON.parse((await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS, '--json'])).stdout);
    expect(validateAgainst('result', result)).toEqual([]);
    const byId = Object.fromEntries(result.items.map((item: { id: string; firstFailedSchedule: number | null }) => [item.id, item.firstFailedSchedule]));
    // The race shows in every schedule: the first one.
    expect(byId['no-race-on-count']).toBe(0);
    expect(byId['typechecks']).toBeNull();
    expect(byId['init-before-use']).toBeNull();
  });

  it.each([
    [['--bound', 'two', '--strategy', 'dfs'], /--bound must be an integer from 0 to 10, got `two`/],
    [['--bound', '11', '--strategy', 'idb'], /--bound must be an integer from 0 to 10/],
    [['--depth', '0'], /--depth must be an integer from 1 to 10, got `0`/],
    [['--depth', '2.5'], /--depth must be an integer/],
    [['--bound', '1'], /--bound bounds dfs .* and idb .*, but the strategy is pct \(the rubric’s\)/],
    [['--depth', '2', '--strategy', 'dfs'], /--depth is PCT's bug depth, but the strategy is dfs/],
    [['--strategy', 'bfs'], /--strategy must be random, pct, dfs or idb, got `bfs`/],
  ])('refuses %j as a usage error (exit 2), with no stack trace', async (flags, message) => {
    const run = await grade('correct', ...(flags as string[]));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stderr).toContain('error code: SPINLAB_USAGE');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes --bound and --depth on check and batch too', async () => {
    const run = await spinlab(['check', 'e2e-count', 'test/fixtures/submissions/correct/driver.ts', '--graders', COURSE_GRADERS, '--strategy', 'idb', '--bound', '9', '--schedules', '1', '--no-typecheck', '--json']);
    expect(JSON.parse(run.stdout).exploration).toMatchObject({ strategy: 'idb', bounded: { bound: 9 } });
    const batch = await spinlab(['batch', 'e2e-count', 'test/fixtures/submissions', '--graders', COURSE_GRADERS, '--depth', 'x']);
    expect(batch.exitCode).toBe(2);
    expect(batch.stderr).toMatch(/--depth must be an integer/);
  });
});
