/**
 * Issue 18, point 0: the answer cannot be known in advance. A driver that
 * writes the final state as constants — the answer for the old fixed
 * workload, or for the varied workload's most likely draw — and takes no
 * lock loses every invariant item its constants would fake, on every seed.
 * The drivers are test/fixtures/constant-answers/<exercise>.ts: each holds
 * both answers, OLD and LIKELY, and sets `const ANSWER = OLD;`, which the
 * test rewrites for the second (07, whose workload always varied, holds
 * LIKELY and FEWEST). 02's (no ANSWER) turns every request away: it accepts
 * no word, so it loses none. For 05–08 the constants earn nothing but
 * compiles-cleanly.
 *
 * Two more kinds of driver, <exercise>.<kind>.ts or, when it is the
 * reference solution changed, <exercise>.<kind>.patch (a mutant patch of
 * graders/<exercise>/solution.ts, applied as selftest does): `no-lock` does the work,
 * sequentially right, with every lock taken out, and must lose the evidence
 * items (data races, the results they spoil) and with them every lock item;
 * `constant-reads` does the work under the right locks but answers its
 * queries with constants a device could once have shown (all zeros), and
 * must lose the item that a query reports at least what was counted when it
 * was sent — and the item that requires it; `no-list` (05) and `one-lock`
 * (07) are correct without what the exercise teaches (no work list; one lock
 * for everything) and must lose the items that judged nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMutantPatch, parseMutantPatch } from '../../src/grade/mutant-patch.js';
import { ROOT, spinlab } from '../helpers/cli.js';

interface Case {
  readonly exercise: string;
  /** The invariant items the constants must lose. */
  readonly lost: readonly string[];
  /** The answers the driver holds (default OLD and LIKELY); the first is the one its `const ANSWER = …;` line names. */
  readonly answers?: readonly string[];
  /** When set, the only items it may pass. */
  readonly passedAtMost?: readonly string[];
}

const ONLY_COMPILES = ['compiles-cleanly'];
const CASES: readonly Case[] = [
  { exercise: '01-initialize-lock', lost: ['count-exact'] },
  { exercise: '03-dpc-level', lost: ['all-work-counted'] },
  { exercise: '04-queued-locks', lost: ['stats-exact', 'snapshots-consistent'] },
  { exercise: '05-interlocked-list', lost: ['every-item-processed-once'], passedAtMost: ONLY_COMPILES },
  { exercise: '06-interrupt-lock', lost: ['every-interrupt-handled'], passedAtMost: ONLY_COMPILES },
  { exercise: '07-lock-ordering', lost: ['reset-clears-every-word'], answers: ['LIKELY', 'FEWEST'], passedAtMost: ONLY_COMPILES },
  { exercise: '08-capstone', lost: ['every-word-delivered-once-in-order'], passedAtMost: ONLY_COMPILES },
];
const ANSWERS = ['OLD', 'LIKELY'] as const;

/** A driver that does the work its own way (no lock, or constant queries): what it must lose, and how much it may keep. */
interface KindCase {
  readonly exercise: string;
  readonly kind: 'no-lock' | 'no-list' | 'one-lock' | 'constant-reads';
  /** Items it must lose on their own evidence (some schedule failed them). */
  readonly lost: readonly string[];
  /** Items it must lose too, for want of what they require. */
  readonly unearned: readonly string[];
  /** The only items it may pass. */
  readonly passedAtMost: readonly string[];
}

/** Every item of `exercise`'s rubric but `except`. */
function itemsBut(exercise: string, except: readonly string[]): string[] {
  const rubric = JSON.parse(readFileSync(join(ROOT, 'graders', exercise, 'rubric.json'), 'utf8')) as { items: Array<{ id: string }> };
  return rubric.items.map((item) => item.id).filter((id) => !except.includes(id));
}

const KIND_CASES: readonly KindCase[] = [
  // Counts straight into Processed/Total from every writer: the race loses updates too.
  { exercise: '05-interlocked-list', kind: 'no-lock', lost: ['no-data-races', 'every-item-processed-once'], unearned: ['locks-initialized-before-use', 'list-lock-only-for-exinterlocked', 'work-list-only-exinterlocked'], passedAtMost: ONLY_COMPILES },
  {
    exercise: '05-interlocked-list',
    kind: 'constant-reads',
    lost: ['reads-current'],
    unearned: ['requests-answered'],
    passedAtMost: itemsBut('05-interlocked-list', ['reads-current', 'requests-answered']),
  },
  // Correct, but with no work list: ListLock and WorkList only initialized, never used — the list items have no evidence.
  {
    exercise: '05-interlocked-list',
    kind: 'no-list',
    lost: [],
    unearned: ['list-lock-only-for-exinterlocked', 'work-list-only-exinterlocked'],
    passedAtMost: itemsBut('05-interlocked-list', ['list-lock-only-for-exinterlocked', 'work-list-only-exinterlocked']),
  },
  { exercise: '06-interrupt-lock', kind: 'no-lock', lost: ['isr-shared-state-synchronized'], unearned: ['interrupt-lock-initialized-before-connect', 'interrupt-lock-only-through-synchronize', 'no-lock-shared-with-isr'], passedAtMost: ONLY_COMPILES },
  {
    exercise: '06-interrupt-lock',
    kind: 'constant-reads',
    lost: ['reads-current'],
    unearned: ['requests-answered'],
    passedAtMost: itemsBut('06-interrupt-lock', ['reads-current', 'requests-answered']),
  },
  { exercise: '07-lock-ordering', kind: 'no-lock', lost: ['hub-state-protected', 'port-state-protected'], unearned: ['one-global-lock-order', 'locks-initialized-before-use', 'no-deadlock'], passedAtMost: ONLY_COMPILES },
  {
    exercise: '07-lock-ordering',
    kind: 'constant-reads',
    lost: ['queries-current'],
    unearned: ['statistics-consistent'],
    passedAtMost: itemsBut('07-lock-ordering', ['queries-current', 'statistics-consistent']),
  },
  // Correct, but with one lock for everything: no schedule nests, so the order items judged nothing.
  {
    exercise: '07-lock-ordering',
    kind: 'one-lock',
    lost: [],
    unearned: ['one-global-lock-order', 'nested-locks-released-in-reverse'],
    passedAtMost: itemsBut('07-lock-ordering', ['one-global-lock-order', 'nested-locks-released-in-reverse']),
  },
  { exercise: '08-capstone', kind: 'no-lock', lost: ['ring-synchronized-with-isr', 'read-queue-protected'], unearned: ['locks-initialized-before-use', 'no-interrupt-self-deadlock', 'consistent-lock-order'], passedAtMost: ONLY_COMPILES },
];
const SEEDS = [1, 2, 3, 4] as const;
/** Four gradings at once, of up to 400 schedules each (06), on a small machine. */
const TIMEOUT = 240_000;

interface GradedItem {
  readonly id: string;
  readonly passed: boolean;
  readonly schedulesFailed: number;
}

const work = mkdtempSync(join(tmpdir(), 'spinlab-constant-answers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The exercise's constant driver, set to `answer`, written as the driver.ts of a folder of its own. */
function driverWith(exercise: string, answer: string, first: string): string {
  const source = readFileSync(join(ROOT, 'test/fixtures/constant-answers', `${exercise}.ts`), 'utf8');
  const line = `const ANSWER = ${first};`;
  if (!source.includes(line)) throw new Error(`${exercise}.ts has no \`${line}\` line`);
  const dir = join(work, `${exercise}-${answer}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'driver.ts'), source.replace(line, `const ANSWER = ${answer};`));
  return join(dir, 'driver.ts');
}

/** The `kind` driver of `exercise`: its .ts fixture, or its patch applied to the reference solution, written as the driver.ts of a folder of its own. */
function kindDriver(exercise: string, kind: string): string {
  const fixture = join(ROOT, 'test/fixtures/constant-answers', `${exercise}.${kind}`);
  if (existsSync(`${fixture}.ts`)) return `${fixture}.ts`;
  const patch = parseMutantPatch(readFileSync(`${fixture}.patch`, 'utf8'), `${exercise}.${kind}`);
  const dir = join(work, `${exercise}-${kind}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'driver.ts'), applyMutantPatch(patch, readFileSync(join(ROOT, 'graders', exercise, 'solution.ts'), 'utf8')));
  return join(dir, 'driver.ts');
}

/** The graded result of `file` for `exercise` under each of SEEDS. */
async function gradeOnSeeds(exercise: string, file: string): Promise<Array<{ status: string; items: GradedItem[] }>> {
  const runs = await Promise.all(SEEDS.map((seed) => spinlab(['grade', exercise, file, '--json', '--seed', String(seed)])));
  return runs.map((run) => JSON.parse(run.stdout) as { status: string; items: GradedItem[] });
}

/** In each result, every item of `unearned` is lost and no item outside `passedAtMost` passed. */
function expectAtMost(results: ReadonlyArray<{ items: GradedItem[] }>, unearned: readonly string[], passedAtMost: readonly string[]): void {
  for (const [i, result] of results.entries()) {
    for (const id of unearned) expect(result.items.find((item) => item.id === id), `seed ${SEEDS[i]}: item ${id}`).toMatchObject({ passed: false });
    expect(result.items.filter((item) => item.passed && !passedAtMost.includes(item.id)).map((item) => item.id), `seed ${SEEDS[i]}`).toEqual([]);
  }
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

describe.each(CASES)('a driver that writes constants for $exercise', ({ exercise, lost, answers = ANSWERS, passedAtMost }) => {
  it.each(answers)('with the %s answer, loses the invariant items on seeds 1–4', async (answer) => {
    const results = await gradeOnSeeds(exercise, driverWith(exercise, answer, answers[0]!));
    expectLost(results, lost);
    if (passedAtMost !== undefined) expectAtMost(results, [], passedAtMost);
  }, TIMEOUT);
});

describe.each(KIND_CASES)('the $kind driver for $exercise', ({ exercise, kind, lost, unearned, passedAtMost }) => {
  it('loses its evidence items, and the items that require them, on seeds 1–4', async () => {
    const results = await gradeOnSeeds(exercise, kindDriver(exercise, kind));
    expectLost(results, lost);
    expectAtMost(results, unearned, passedAtMost);
  }, TIMEOUT);
});

// 02's final state is the words its reads returned, not a field: its constant driver answers every request with a constant status instead.
describe('a driver that turns every request away for 02-executive-lock', () => {
  it('loses nothing-lost on seeds 1–4, and with it every item that requires it', async () => {
    const results = await gradeOnSeeds('02-executive-lock', join(ROOT, 'test/fixtures/constant-answers/02-executive-lock.ts'));
    expectLost(results, ['nothing-lost']);
    for (const result of results) expect(result.items.filter((item) => item.passed).map((item) => item.id)).toEqual(['compiles-cleanly']);
  });
});
