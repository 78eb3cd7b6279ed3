import { existsSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../../src/rubric/schemas.js';
import { COURSE_GRADERS, spinlab } from '../helpers/cli.js';

const grade = (submission: string, ...extra: string[]) =>
  spinlab(['grade', 'e2e-count', `test/fixtures/submissions/${submission}`, '--graders', COURSE_GRADERS, '--json', '--no-typecheck', ...extra]);

async function graded(submission: string, ...extra: string[]) {
  const started = Date.now();
  const run = await grade(submission, ...extra);
  const result = JSON.parse(run.stdout);
  expect(validateAgainst('result', result)).toEqual([]);
  expect(result.score).toBeLessThan(result.maxScore);
  return { run, result, seconds: (Date.now() - started) / 1000 };
}

describe('the sandbox', () => {
  it('times out an infinite loop at load, within its limit, exit 1', async () => {
    const { run, result, seconds } = await graded('loop-at-load', '--timeout', '3');
    expect(run.exitCode).toBe(1);
    expect(result).toMatchObject({ status: 'timed-out', exploration: { schedulesRun: 0 } });
    expect(seconds).toBeLessThan(20);
  });

  it('times out an infinite loop inside a routine', async () => {
    const { result } = await graded('loop-in-routine', '--timeout', '3');
    expect(result.status).toBe('timed-out');
  });

  it('times out an async loop that never calls the kernel', async () => {
    const { result } = await graded('async-loop', '--timeout', '3');
    expect(result.status).toBe('timed-out');
  });

  it('reports a memory bomb as crashed (out of memory)', async () => {
    const { result } = await graded('memory-bomb', '--timeout', '20');
    expect(result.status).toBe('crashed');
    expect(result.message).toContain('out of memory');
  });

  it('survives a throw of a non-Error whose toString throws, as a finding', async () => {
    const { run, result } = await graded('throws-non-error');
    expect(run.exitCode).toBe(1);
    expect(result.status).toBe('graded');
    expect(result.items.find((i: { id: string }) => i.id === 'count-exact').findings[0].message).toContain('threw');
  });

  it('keeps printed fake results and workflow commands out of the score and the report', async () => {
    const { result } = await graded('prints-fake-results');
    expect(result.output).toContain('::error file=driver.ts');
    const github = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/prints-fake-results', '--graders', COURSE_GRADERS, '--format', 'github', '--no-typecheck']);
    const lines = github.stdout.split('\n');
    const stop = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    const token = lines[stop]!.slice('::stop-commands::'.length);
    const resume = lines.indexOf(`::${token}::`);
    expect(stop).toBeGreaterThan(-1);
    expect(resume).toBeGreaterThan(stop);
    const forged = lines.findIndex((l) => l.startsWith('::error file=driver.ts,line=1::forged'));
    expect(forged).toBeGreaterThan(stop);
    expect(forged).toBeLessThan(resume);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives code reaching for process nothing: no escape, no forged score', async () => {
    rmSync('/tmp/spinlab-escaped', { force: true });
    const { run, result } = await graded('reaches-for-process');
    expect(existsSync('/tmp/spinlab-escaped')).toBe(false);
    expect(run.stdout.trim().startsWith('{')).toBe(true);
    expect(result.status).toBe('graded');
  });

  it('loads only the Node modules the child needs: no crypto, fs, child processes or workers', () => {
    // The child seals its messages with its own HMAC; every other capability is the parent's.
    const bundle = readFileSync('dist/sandbox-child.mjs', 'utf8');
    const imported = new Set([...bundle.matchAll(/from\s*"(node:[a-z_/]+)"|require\("([^"]+)"\)|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2] ?? m[3]));
    expect([...imported].sort()).toEqual(['node:net', 'node:vm', 'node:zlib']);
  });
});
