import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMutantPatch, parseMutantPatch } from '../../src/grade/mutant-patch.js';
import { ROOT, spinlab } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 03-dpc-level's solution with the mutant that keeps ext.Lock when ExAllocatePool2 fails. */
function leakOnFailure(): string {
  const patch = readFileSync(join(ROOT, 'graders/03-dpc-level/mutants/alloc-failure-leaks-lock.patch'), 'utf8');
  const solution = readFileSync(join(ROOT, 'graders/03-dpc-level/solution.ts'), 'utf8');
  const file = join(work, 'driver.ts');
  writeFileSync(file, applyMutantPatch(parseMutantPatch(patch, 'alloc-failure-leaks-lock'), solution));
  return file;
}

interface Result {
  score: number;
  maxScore: number;
  exploration: { schedulesRun: number; faults?: { sites: number; runs: number } };
  items: Array<{ id: string; passed: boolean; findings: Array<{ check: string; schedule: string }> }>;
}

describe('fault runs through the CLI (03-dpc-level, seed 1)', () => {
  const driver = leakOnFailure();

  it('a lock leaked only when ExAllocatePool2 fails is found, and its replay shows the injected failure', async () => {
    const run = await spinlab(['grade', '03-dpc-level', driver, '--format', 'json', '--schedules', '60']);
    const result = JSON.parse(run.stdout) as Result;
    expect(result.exploration.schedulesRun).toBe(60);
    expect(result.exploration.faults?.runs).toBeGreaterThan(0);
    const leak = result.items.find((item) => item.id === 'every-acquire-released')!;
    expect(leak.passed).toBe(false);
    const code = leak.findings.find((f) => f.check === 'held-at-return')!.schedule;
    const replay = await spinlab(['replay', '03-dpc-level', driver, '--schedule', code]);
    const text = replay.stdout.replace(/[\s│┃]+/g, ' ');
    // The timeline wraps the line's text beside its source line number.
    expect(text).toMatch(/ExAllocatePool2 (\d+ )?failed \(injected\)/);
    expect(text).toContain('held-at-return');
    expect(replay.stdout + replay.stderr).not.toMatch(/diverge/i);
  }, 180_000);

  it('with --faults 0 the same driver scores full marks and the result has no fault runs', async () => {
    const run = await spinlab(['grade', '03-dpc-level', driver, '--format', 'json', '--schedules', '60', '--faults', '0']);
    const result = JSON.parse(run.stdout) as Result;
    expect(result.exploration.faults).toBeUndefined();
    expect(result.score).toBe(result.maxScore);
  }, 180_000);

  it('the reference solution keeps full marks with its fault runs', async () => {
    const run = await spinlab(['grade', '03-dpc-level', join(ROOT, 'graders/03-dpc-level/solution.ts'), '--format', 'json', '--schedules', '60']);
    const result = JSON.parse(run.stdout) as Result;
    expect(result.exploration.faults).toEqual({ sites: 3, runs: 6 });
    expect(result.score).toBe(result.maxScore);
  }, 180_000);
});
