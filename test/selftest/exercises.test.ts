import { describe, expect, it } from 'vitest';
import { listExercises } from '../../src/rubric/catalog.js';
import { spinlab } from '../helpers/cli.js';

/** Every exercise's grader must prove itself (`spinlab selftest <id>`): it is part of `npm test`. */
describe('spinlab selftest', () => {
  const exercises = listExercises().map((exercise) => exercise.id);

  it('finds the eight exercises', () => {
    expect(exercises).toEqual([
      '01-initialize-lock',
      '02-executive-lock',
      '03-dpc-level',
      '04-queued-locks',
      '05-interlocked-list',
      '06-interrupt-lock',
      '07-lock-ordering',
      '08-capstone',
    ]);
  });

  it.each(exercises)('%s: solutions full marks, every mutant caught exactly (4 seeds), starter below full', async (id) => {
    const run = await spinlab(['selftest', id, '--json'], { timeout: 1_200_000 });
    const [report] = JSON.parse(run.stdout) as Array<{ checks: Array<{ ok: boolean; kind: string; file: string; seed: number; problem: string | null }> }>;
    const misses = report!.checks.filter((check) => !check.ok).map((c) => `${c.kind} ${c.file} (seed ${c.seed}): ${c.problem}`);
    expect(misses).toEqual([]);
    expect(run.exitCode).toBe(0);
    // Its progress line, as it finished: solutions, mutants, the starter's score and its own grading time.
    expect(run.stderr).toMatch(new RegExp(`^✓ ${id}: (\\d+)/\\1 solutions, (\\d+)/\\2 mutants caught, starter \\d+/\\d+, [\\d.]+ s of grading \\(1 of 1 done\\)$`, 'm'));
  }, 1_200_000);
});
