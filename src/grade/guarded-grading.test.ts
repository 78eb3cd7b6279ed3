import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../rubric/rubric.js';
import { GradingPool, replayFrom, type GradingJob, type PoolOptions } from './guarded-grading.js';

const fixture = (name: string) => new URL(`../../test/fixtures/grading-workers/${name}.mjs`, import.meta.url);

const rubric = {
  exercise: 'x',
  file: 'rubric.json',
  exploration: { strategy: 'pct', schedules: 1, seed: 1, maxSteps: 100, depth: 3, bound: 2, timeLimit: 0.1 },
  items: [{ id: 'a', title: 'A', check: 'data-race', points: 2, visibility: 'visible', credit: 'all' }],
} as unknown as Rubric;

function job(submission: string): GradingJob {
  return {
    exercise: { id: 'x', title: 'X', topic: '', order: 1, student: 'driver.ts', wdk: [], dir: '.', graderDir: '.' },
    rubric,
    exploration: rubric.exploration,
    submission,
    replay: null,
    scenario: '',
  };
}

/** A budget of 0.1 s + 0.1 s, and a guard that waits 0.5 s past it. */
const fast: PoolOptions = { graceMs: 500 };
let allowance: string | undefined;
beforeAll(() => {
  allowance = process.env.SPINLAB_HOST_ALLOWANCE;
  process.env.SPINLAB_HOST_ALLOWANCE = '0.1';
});
afterAll(() => {
  if (allowance === undefined) delete process.env.SPINLAB_HOST_ALLOWANCE;
  else process.env.SPINLAB_HOST_ALLOWANCE = allowance;
});

/** Whether process `pid` is gone (or a zombie no one has reaped yet: it runs no more). */
function gone(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  return !existsSync(stat) || readFileSync(stat, 'utf8').split(') ')[1]!.startsWith('Z');
}

describe('a guarded grading', () => {
  it('stopped inside synchronous work: timed-out naming the phase, the process it started killed', async () => {
    const pool = new GradingPool(0, { ...fast, entry: fixture('blocks') });
    const pidFile = join(mkdtempSync(join(tmpdir(), 'spinlab-guard-')), 'pid');
    const started = Date.now();
    const result = await pool.grade(job(pidFile));
    pool.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ status: 'timed-out', submission: pidFile, score: 0, maxScore: 2 });
    expect(result.message).toBe('the grading did not finish within its budget of 0.2 s (0.1 s for the exploration + 0.1 s for compiling, type-checking and reporting): spinlab stopped it while type-checking');
    expect(result.items[0]).toMatchObject({ points: 0, passed: false });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gone(pid)).toBe(true);
  });

  it('reuses a worker whose grading ended its own way, and passes the result through', async () => {
    const pool = new GradingPool(1, { ...fast, entry: fixture('answers') });
    const first = await pool.grade(job('alice'));
    const second = await pool.grade(job('bob'));
    expect(first).toMatchObject({ status: 'graded', submission: 'alice' });
    expect(second.submission).toBe('bob');
    expect(second.output.split(' ')).toEqual(['2', first.output.split(' ')[1]]);
    pool.close();
  });

  it('rethrows what holds for every submission, and makes a grader-error of any other failure', async () => {
    const pool = new GradingPool(0, { ...fast, entry: fixture('fails') });
    await expect(pool.grade(job('spinlab-error'))).rejects.toMatchObject({ code: 'SPINLAB_SCENARIO_INVALID', message: 'the scenario does not load' });
    expect(await pool.grade(job('exits'))).toMatchObject({ status: 'grader-error', message: 'spinlab failed on this submission (please report it): the grading worker stopped (exit code 3) while staging' });
    expect(await pool.grade(job('throws'))).toMatchObject({ status: 'grader-error', message: 'spinlab failed on this submission (please report it): boom in /somewhere' });
    pool.close();
  });

  it('stops a grading that outgrows its heap: crashed', async () => {
    const pool = new GradingPool(0, { graceMs: 60_000, heapMb: 64, entry: fixture('fails') });
    expect(await pool.grade(job('grows'))).toMatchObject({ status: 'crashed', message: "the grading needed more than 64 MB on the grader's side while staging: spinlab stopped it" });
    pool.close();
  });
});

describe('a replay template', () => {
  it('makes the command around the code', () => {
    expect(replayFrom({ before: 'spinlab replay x a --schedule ', after: ' --cpus 2' })('CODE')).toBe('spinlab replay x a --schedule CODE --cpus 2');
  });
});
