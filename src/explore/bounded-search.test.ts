import { describe, expect, it } from 'vitest';
import { delaysOf, everyOrder, preemptionsOf, runToy, type ToyOrder } from '../../test/helpers/toy-program.js';
import { DfsStrategy } from './dfs.js';
import { IdbStrategy } from './idb.js';

/** Three threads of two steps: 90 orders. */
const STEPS = [2, 2, 2];
const key = (order: ToyOrder): string => order.join('');

/** How many of `orders` cost exactly 0, 1, … `bound`. */
function perBound(orders: readonly ToyOrder[], cost: (order: ToyOrder) => number, bound: number): number[] {
  const counts = new Array<number>(bound + 1).fill(0);
  for (const order of orders) if (cost(order) <= bound) counts[cost(order)]!++;
  return counts;
}

describe.each([
  { name: 'dfs', make: (bound: number) => new DfsStrategy(1, bound), cost: (order: ToyOrder) => preemptionsOf(order, STEPS) },
  { name: 'idb', make: (bound: number) => new IdbStrategy(1, bound), cost: (order: ToyOrder) => delaysOf(order, STEPS) },
])('$name: iterative bounding on three threads of two steps (seed 1)', ({ make, cost }) => {
  it.each([0, 1, 2, 3])('bound %i: runs every schedule within the bound once, fewest first, then says it is exhausted', (bound) => {
    const strategy = make(bound);
    const orders = runToy(strategy, STEPS, 10_000);
    const costs = orders.map(cost);
    // Fewest first: all of cost 0 before any of 1, all of 1 before any of 2 …
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(Math.max(...costs)).toBeLessThanOrEqual(bound);
    // Each once, and every one there is.
    expect(new Set(orders.map(key)).size).toBe(orders.length);
    const expected = perBound(everyOrder(STEPS), cost, bound);
    expect(perBound(orders, cost, bound)).toEqual(expected);
    expect(strategy.exhausted()).toBe(true);
    expect(strategy.summary()).toMatchObject({ kind: 'bounded', bound, coveredBound: bound, schedulesPerBound: expected });
  });

  it('stopped early, says which bounds it covered and how far it got into the next', () => {
    const full = perBound(everyOrder(STEPS), cost, 2);
    const strategy = make(2);
    runToy(strategy, STEPS, full[0]! + full[1]! + 3);
    expect(strategy.exhausted()).toBe(false);
    expect(strategy.summary()).toMatchObject({ coveredBound: 1, schedulesPerBound: [full[0], full[1], 3] });
    const none = make(2);
    runToy(none, STEPS, 0);
    expect(none.summary()).toMatchObject({ coveredBound: null, schedulesPerBound: [0] });
  });
});

describe('the two measures differ', () => {
  it('dfs counts any switch from a thread that could go on as one preemption; idb counts round-robin positions skipped', () => {
    // 0 runs, then 2 while 0 could go on: one preemption, but two delays (0 itself and 1 are skipped over).
    expect(preemptionsOf([0, 2, 2, 0, 1, 1], STEPS)).toBe(1);
    expect(delaysOf([0, 2, 2, 0, 1, 1], STEPS)).toBe(2);
    const dfs = runToy(new DfsStrategy(1, 0), STEPS, 1000);
    const idb = runToy(new IdbStrategy(1, 0), STEPS, 1000);
    // With no preemption, any thread may go next once one ends; the round robin alone is one schedule.
    expect(dfs.length).toBe(perBound(everyOrder(STEPS), (o) => preemptionsOf(o, STEPS), 0)[0]);
    expect(idb.map(key)).toEqual(['001122']);
  });
});
