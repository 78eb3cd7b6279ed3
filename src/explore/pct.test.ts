import { describe, expect, it } from 'vitest';
import { runToy, type ToyOrder } from '../../test/helpers/toy-program.js';
import { PctStrategy } from './pct.js';

/** Two threads of ten steps: runs of 10–20 decisions. */
const STEPS = [10, 10];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Times the running thread changes while the one it left still had steps: with priorities alone that never happens, each change point can make it once. */
function switches(order: ToyOrder): number {
  let n = 0;
  const left = [...STEPS];
  order.forEach((thread, i) => {
    if (i > 0 && thread !== order[i - 1] && left[order[i - 1]!]! > 0) n++;
    left[thread]!--;
  });
  return n;
}

/** Decisions of a run: the steps taken while both threads still had steps left. */
function decisions(order: ToyOrder): number {
  const left = [...STEPS];
  let n = 0;
  for (const thread of order) {
    if (left.every((l) => l > 0)) n++;
    left[thread]!--;
  }
  return n;
}

/** A bug of depth 2: thread 1 first runs when thread 0 has taken exactly 3 steps (0 must run first, then change priority at step 3). */
const bug = (order: ToyOrder): boolean => order.indexOf(1) === 3;

describe('pct learns k from the runs it has seen', () => {
  it('execution 0 is a random walk that sets k to its length; later ones follow priorities with at most d − 1 switches (seed 1, d = 3)', () => {
    const pct = new PctStrategy(1, 3);
    const [first] = runToy(pct, STEPS, 1);
    expect(pct.summary()).toEqual({ kind: 'pct', depth: 3, threads: 2, steps: decisions(first!) });
    const later = runToy(pct, STEPS, 50);
    for (const order of later.slice(1)) expect(switches(order)).toBeLessThanOrEqual(2);
    expect(pct.summary().steps).toBeGreaterThanOrEqual(10);
    expect(pct.summary().steps).toBeLessThanOrEqual(20);
  });

  it('execution 0 preempts as a random walk does (seeds 1–10): a measuring run still tests', () => {
    const preempting = SEEDS.filter((seed) => switches(runToy(new PctStrategy(seed, 3), STEPS, 1)[0]!) > 0);
    expect(preempting.length).toBeGreaterThanOrEqual(8);
  });

  it('puts its change point inside runs of 10–20 decisions in most schedules (seeds 1–10, d = 2, 100 schedules)', () => {
    for (const seed of SEEDS) {
      const orders = runToy(new PctStrategy(seed, 2), STEPS, 100);
      // A change point in [1, k] lands while the first thread still runs about half the time; drawn over 64 steps, under one time in six.
      expect(orders.filter((order) => switches(order) > 0).length).toBeGreaterThanOrEqual(35);
    }
  });

  it('finds a bug needing one change point within a few dozen schedules (median of seeds 1–10, d = 2)', () => {
    const firsts = SEEDS.map((seed) => {
      const orders = runToy(new PctStrategy(seed, 2), STEPS, 1000);
      const found = orders.findIndex(bug);
      return found < 0 ? Infinity : found + 1;
    });
    firsts.sort((a, b) => a - b);
    expect((firsts[4]! + firsts[5]!) / 2).toBeLessThanOrEqual(50);
    expect(firsts[9]).toBeLessThan(1000);
  });

  it('is deterministic for a seed (seed 7)', () => {
    expect(runToy(new PctStrategy(7, 3), STEPS, 30)).toEqual(runToy(new PctStrategy(7, 3), STEPS, 30));
  });
});
