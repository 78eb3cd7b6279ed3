/**
 * `spinlab doctor`: a line per finding about the machine and the course, a
 * one-line summary that also heads every batch, exit 2 when grading cannot
 * work (no graders folder, an invalid rubric).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-doctor-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('spinlab doctor', () => {
  it('says which graders folder is used and why, and that every rubric is valid', async () => {
    const run = await spinlab(['doctor', '--graders', COURSE_GRADERS]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^✓ node {5}Node \d+\.\d+\.\d+/m);
    // Relative to where it runs (the repository root here): no machine path in a log.
    expect(run.stdout).toContain(`✓ graders  ${COURSE_GRADERS} (from --graders)`);
    expect(run.stdout).toMatch(/^✓ rubric {3}e2e-count: .*rubric\.json is valid$/m);
    expect(run.stdout).toMatch(/^spinlab doctor: .* — Node .*, graders .*, \d+ rubrics? valid$/m);
  });

  it('is exit 2 naming the rubric and the name it got wrong, and when there is no graders folder', async () => {
    // The course's exercises sit beside its graders folder: copy both.
    cpSync(join(ROOT, COURSE_GRADERS, '..'), join(work, 'course'), { recursive: true });
    const graders = join(work, 'course', 'graders');
    const rubric = join(graders, 'e2e-count', 'rubric.json');
    writeFileSync(rubric, readFileSync(rubric, 'utf8').replace('"name": "count"', '"name": "count-misspelled"'));
    const broken = await spinlab(['doctor', '--graders', graders]);
    expect(broken.exitCode).toBe(2);
    expect(broken.stdout).toMatch(/^✗ rubric {3}e2e-count: .*misspelled/m);
    const none = await spinlab(['doctor', '--graders', join(work, 'nowhere')]);
    expect(none.exitCode).toBe(2);
    expect(none.stdout).toMatch(/^✗ graders .*it does not exist$/m);
  });

  it('heads every batch with its summary line', async () => {
    const run = await spinlab(['batch', 'e2e-count', 'test/fixtures/class', '--graders', COURSE_GRADERS, '--no-typecheck', '--out', join(work, 'out')]);
    expect(run.stderr.split('\n')[0]).toMatch(/^spinlab doctor: .* — Node .*, sandbox (with|without) namespaces, graders .*\(from --graders\)$/);
  }, 120_000);
});
