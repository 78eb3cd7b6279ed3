/**
 * Wrong-but-accepted inputs are refused, before any grading where possible,
 * with exit 2, one sentence, and nothing left behind: `merge` of sheets that
 * do not belong together, outputs that cannot be written, and a student's
 * mistyped path.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spinlab } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-refusals-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CSV = 'submission,status,score,max_score,compiles-cleanly\n';
/** A batch output folder as `spinlab batch` writes it, with `rows` (submission ids) all at 1/1. */
function batchFolder(name: string, manifest: { exercise: string; rubric: string; shard: string | null }, rows: readonly string[]): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'grades.csv'), CSV + rows.map((id) => `${id},graded,1,1,1\n`).join(''));
  writeFileSync(join(dir, '.spinlab-batch'), JSON.stringify({ spinlab: '0.1.0', submissions: rows.length, ...manifest }));
  return dir;
}

describe('merge refuses sheets that do not belong together', () => {
  it('joins every shard of one exercise and rubric', async () => {
    const a = batchFolder('ok1', { exercise: '01-initialize-lock', rubric: 'r1', shard: '1/2' }, ['ann']);
    const b = batchFolder('ok2', { exercise: '01-initialize-lock', rubric: 'r1', shard: '2/2' }, ['bob']);
    const run = await spinlab(['merge', a, b]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => line.split(',')[0])).toEqual(['submission', 'ann', 'bob']);
  });

  it('refuses two exercises, naming each folder’s', async () => {
    const a = batchFolder('ex1', { exercise: '01-initialize-lock', rubric: 'r1', shard: null }, ['ann']);
    const b = batchFolder('ex2', { exercise: '02-executive-lock', rubric: 'r1', shard: null }, ['bob']);
    const run = await spinlab(['merge', a, b]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('01-initialize-lock, 02-executive-lock');
    expect(run.stdout).toBe('');
  });

  it('refuses two rubrics', async () => {
    const a = batchFolder('ru1', { exercise: '01-initialize-lock', rubric: 'r1', shard: '1/2' }, ['ann']);
    const b = batchFolder('ru2', { exercise: '01-initialize-lock', rubric: 'r2', shard: '2/2' }, ['bob']);
    const run = await spinlab(['merge', a, b]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('different rubrics');
  });

  it('names the shards missing from a partial class', async () => {
    const a = batchFolder('part1', { exercise: '01-initialize-lock', rubric: 'r1', shard: '1/3' }, ['ann']);
    const run = await spinlab(['merge', a]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('shards 2/3, 3/3 missing');
  });
});

describe('outputs that cannot be written are refused before grading, leaving no temporary file', () => {
  it('grade --out naming a folder', async () => {
    const folder = join(work, 'a-folder');
    mkdirSync(folder);
    const run = await spinlab(['grade', '01-initialize-lock', join(ROOT, 'exercises/01-initialize-lock/driver.ts'), '--out', folder]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error code: SPINLAB_OUTPUT_UNWRITABLE');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(folder)).toEqual([]);
  });

  it('batch --out naming a file, and merge --out in a read-only folder', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const batch = await spinlab(['batch', '01-initialize-lock', join(work, 'ok1'), '--out', file]);
    expect(batch.exitCode).toBe(2);
    expect(batch.stderr).toContain('it is a file, and a folder is needed');
    const locked = join(work, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      const merge = await spinlab(['merge', join(work, 'ok1'), join(work, 'ok2'), '--out', join(locked, 'grades.csv')]);
      // root may write anywhere: then the merge simply succeeds.
      if (process.getuid?.() !== 0) {
        expect(merge.exitCode).toBe(2);
        expect(merge.stderr).toContain('permission denied');
      }
      expect(readdirSync(locked).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      chmodSync(locked, 0o700);
    }
  });
});

describe('a mistyped path in check', () => {
  it('is a usage error that names the file meant', async () => {
    const folder = join(work, 'student');
    mkdirSync(folder);
    writeFileSync(join(folder, 'driver.ts'), 'export {};\n');
    const run = await spinlab(['check', '01-initialize-lock', 'drivr.ts'], { cwd: folder });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('did you mean driver.ts?');
    expect(run.stdout).not.toMatch(/Score/);
  });
});
