/**
 * Issue 18, point 0: the answer cannot be known in advance. A driver that
 * writes the final state as constants — the answer for the old fixed
 * workload, or for the varied workload's most likely draw — and takes no
 * lock loses every invariant item its constants would fake, on every seed.
 * The drivers are test/fixtures/constant-answers/<exercise>.ts: each holds
 * both answers, OLD and LIKELY, and sets `const ANSWER = OLD;`, which the
 * test rewrites for the second. 02's (no ANSWER) turns every request away:
 * it accepts no word, so it loses none.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, spinlab } from '../helpers/cli.js';

interface Case {
  readonly exercise: string;
  /** The invariant items the constants must lose. */
  readonly lost: readonly string[];
}

const CASES: readonly Case[] = [
  { exercise: '01-initialize-lock', lost: ['count-exact'] },
  { exercise: '03-dpc-level', lost: ['all-work-counted'] },
  { exercise: '04-queued-locks', lost: ['stats-exact', 'snapshots-consistent'] },
];
const ANSWERS = ['OLD', 'LIKELY'] as const;
const SEEDS = [1, 2, 3, 4] as const;

interface GradedItem {
  readonly id: string;
  readonly passed: boolean;
  readonly schedulesFailed: number;
}

const work = mkdtempSync(join(tmpdir(), 'spinlab-constant-answers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The exercise's constant driver, set to `answer`, written as the driver.ts of a folder of its own. */
function driverWith(exercise: string, answer: (typeof ANSWERS)[number]): string {
  const source = readFileSync(join(ROOT, 'test/fixtures/constant-answers', `${exercise}.ts`), 'utf8');
  if (!source.includes('const ANSWER = OLD;')) throw new Error(`${exercise}.ts has no \`const ANSWER = OLD;\` line`);
  const dir = join(work, `${exercise}-${answer}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'driver.ts'), source.replace('const ANSWER = OLD;', `const ANSWER = ${answer};`));
  return join(dir, 'driver.ts');
}

/** The graded result of `file` for `exercise` under each of SEEDS. */
async function gradeOnSeeds(exercise: string, file: string): Promise<Array<{ status: string; items: GradedItem[] }>> {
  const runs = await Promise.all(SEEDS.map((seed) => spinlab(['grade', exercise, file, '--json', '--seed', String(seed)])));
  return runs.map((run) => JSON.parse(run.stdout) as { status: string; items: GradedItem[] });
}

/** Each result was graded, and every item of `lost` failed in some schedule. */
function expectLost(results: ReadonlyArray<{ status: string; items: GradedItem[] }>, lost: readonly string[]): void {
  for (const [i, result] of results.entries()) {
    expect(result.status, `seed ${SEEDS[i]}`).toBe('graded');
    for (const id of lost) {
      const item = result.items.find((candidate) => candidate.id === id);
      expect(item, `seed ${SEEDS[i]}: item ${id}`).toMatchObject({ passed: false });
      expect(item!.schedulesFailed, `seed ${SEEDS[i]}: item ${id}`).toBeGreaterThan(0);
    }
  }
}

describe.each(CASES)('a driver that writes constants for $exercise', ({ exercise, lost }) => {
  it.each(ANSWERS)('with the %s answer, loses the invariant items on seeds 1–4', async (answer) => {
    expectLost(await gradeOnSeeds(exercise, driverWith(exercise, answer)), lost);
  });
});

// 02's final state is the words its reads returned, not a field: its constant driver answers every request with a constant status instead.
describe('a driver that turns every request away for 02-executive-lock', () => {
  it('loses nothing-lost on seeds 1–4, and with it every item that requires it', async () => {
    const results = await gradeOnSeeds('02-executive-lock', join(ROOT, 'test/fixtures/constant-answers/02-executive-lock.ts'));
    expectLost(results, ['nothing-lost']);
    for (const result of results) expect(result.items.filter((item) => item.passed).map((item) => item.id)).toEqual(['compiles-cleanly']);
  });
});
