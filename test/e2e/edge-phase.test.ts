/**
 * Issue 25, point 2: every exploration sends the edge requests. A driver
 * whose bug sits only on an edge path (a short read answered as a full one,
 * a lock-order inversion on a refused IOCTL) loses that item on every seed
 * — an invariant in some schedules but not all (the edge phase runs in half
 * of them, so a driver that hangs there still reaches its end in the
 * others) — while the reference solution keeps it on the same seeds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMutantPatch, parseMutantPatch } from '../../src/grade/mutant-patch.js';
import { ROOT, spinlab } from '../helpers/cli.js';

interface Case {
  readonly exercise: string;
  /** A mutant whose bug is reached only by the edge phase. */
  readonly mutant: string;
  /** The item it loses. */
  readonly item: string;
  /** Whether the item is judged per schedule (an invariant: lost only where the edge phase ran), not across the exploration (a lock order). */
  readonly perSchedule: boolean;
}

const CASES: readonly Case[] = [
  { exercise: '05-interlocked-list', mutant: 'short-read-not-checked', item: 'requests-answered', perSchedule: true },
  { exercise: '07-lock-ordering', mutant: 'reset-refused-inverts-order', item: 'one-global-lock-order', perSchedule: false },
];
const SEEDS = [1, 2, 3, 4] as const;
const SCHEDULES = 40;

interface GradedItem {
  readonly id: string;
  readonly passed: boolean;
  readonly schedulesFailed: number;
}

const work = mkdtempSync(join(tmpdir(), 'spinlab-edge-phase-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `source` written as the driver.ts of a folder of its own. */
function driverFile(name: string, source: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'driver.ts'), source);
  return join(dir, 'driver.ts');
}

/** `item` of `file`'s grading under each seed. */
async function itemOnSeeds(exercise: string, file: string, item: string): Promise<GradedItem[]> {
  const runs = await Promise.all(
    SEEDS.map((seed) => spinlab(['grade', exercise, file, '--json', '--no-typecheck', '--seed', String(seed), '--schedules', String(SCHEDULES)])),
  );
  return runs.map((run) => (JSON.parse(run.stdout) as { items: GradedItem[] }).items.find((i) => i.id === item)!);
}

describe('the edge phase is sent in every exploration', () => {
  for (const { exercise, mutant, item, perSchedule } of CASES) {
    it(`${exercise}: ${mutant} loses ${item} on seeds 1–4${perSchedule ? ', in some schedules but not all' : ''}; the solution keeps it`, async () => {
      const solution = readFileSync(join(ROOT, 'graders', exercise, 'solution.ts'), 'utf8');
      const patch = parseMutantPatch(readFileSync(join(ROOT, 'graders', exercise, 'mutants', `${mutant}.patch`), 'utf8'), mutant);
      const [bad, good] = await Promise.all([
        itemOnSeeds(exercise, driverFile(`${exercise}-${mutant}`, applyMutantPatch(patch, solution)), item),
        itemOnSeeds(exercise, driverFile(`${exercise}-solution`, solution), item),
      ]);
      for (const [i, graded] of bad.entries()) {
        expect(graded.passed, `seed ${SEEDS[i]}`).toBe(false);
        expect(graded.schedulesFailed, `seed ${SEEDS[i]}`).toBeGreaterThan(0);
        if (perSchedule) expect(graded.schedulesFailed, `seed ${SEEDS[i]}`).toBeLessThan(SCHEDULES);
      }
      for (const [i, graded] of good.entries()) expect(graded.passed, `seed ${SEEDS[i]}`).toBe(true);
    }, 240_000);
  }
});
