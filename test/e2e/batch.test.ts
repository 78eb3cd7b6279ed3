import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, spinlab } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-batch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const batch = (out: string, ...extra: string[]) =>
  spinlab(['batch', 'e2e-count', 'test/fixtures/class', '--graders', COURSE_GRADERS, '--no-typecheck', '--out', join(work, out), ...extra]);

describe('spinlab batch', () => {
  it('grades a class into one valid JSON per submission and grades.csv, the same for --jobs 1 and --jobs 2', async () => {
    const [one, two] = await Promise.all([batch('jobs1', '--jobs', '1'), batch('jobs2', '--jobs', '2')]);
    expect(one!.exitCode).toBe(0);
    expect(two!.exitCode).toBe(0);
    const csv = readFileSync(join(work, 'jobs1', 'grades.csv'), 'utf8');
    expect(readFileSync(join(work, 'jobs2', 'grades.csv'), 'utf8')).toBe(csv);
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('submission,status,score,maxScore,init-before-use,release-on-every-path,no-race-on-count,count-exact,every-write-completed,typechecks');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      'buggy,graded',
      'compile-error,compile-error',
      'correct,graded',
      'empty-folder,compile-error',
      'single-file,graded',
      'throws-non-error,graded',
    ]);
    for (const file of readdirSync(join(work, 'jobs1')).filter((f) => f.endsWith('.json'))) {
      expect(validateAgainst('result', JSON.parse(readFileSync(join(work, 'jobs1', file), 'utf8')))).toEqual([]);
    }
    expect(one!.stderr).toMatch(/6 submission\(s\): 4 graded, 2 compile-error/);
    expect(one!.stderr).toMatch(/mean score/);
    expect(one!.stderr).toMatch(/slowest: /);
  });

  it('--resume skips results already written and valid, and regrades a damaged one', async () => {
    await batch('resume', '--jobs', '2');
    writeFileSync(join(work, 'resume', 'buggy.json'), '{ "half": ');
    const again = await batch('resume', '--resume');
    expect(again.stderr).toContain('resuming: 5 submission(s) already graded');
    expect(again.stderr).toContain('1/1 graded');
    expect(validateAgainst('result', JSON.parse(readFileSync(join(work, 'resume', 'buggy.json'), 'utf8')))).toEqual([]);
  });

  it('--shard i/n takes stable, disjoint shares that merge back into the whole grades.csv', async () => {
    const shards = await Promise.all([1, 2, 3].map((i) => batch(`shard${i}`, '--shard', `${i}/3`, '--jobs', '1')));
    for (const shard of shards) expect(shard.exitCode).toBe(0);
    await batch('whole', '--jobs', '2');
    const merged = await spinlab(['merge', join(work, 'shard1'), join(work, 'shard2'), join(work, 'shard3')]);
    expect(merged.exitCode).toBe(0);
    expect(`${merged.stdout}\n`).toBe(readFileSync(join(work, 'whole', 'grades.csv'), 'utf8'));
  });

  it('rejects a malformed --shard (exit 2)', async () => {
    const run = await batch('bad', '--shard', '4/3');
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error code: SPINLAB_USAGE');
  });
});
