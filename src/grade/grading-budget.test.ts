import { describe, expect, it } from 'vitest';
import { BUDGET_SPENT, GradingBudget, HOST_ALLOWANCE_SECONDS } from './grading-budget.js';

/** A clock the test moves by hand. */
function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('GradingBudget', () => {
  it('is the exploration limit plus the host allowance, from when the grading started', () => {
    const time = clock();
    const budget = new GradingBudget(60, time.now, HOST_ALLOWANCE_SECONDS);
    expect(budget.totalMs).toBe((60 + HOST_ALLOWANCE_SECONDS) * 1000);
    time.advance(10_000);
    expect(budget.elapsedMs()).toBe(10_000);
    expect(budget.remainingMs()).toBe(80_000);
    expect(budget.expired()).toBe(false);
    expect(budget.describe()).toBe(`90 s (60 s for the exploration + ${HOST_ALLOWANCE_SECONDS} s for compiling, type-checking and reporting)`);
  });

  it('gives a phase its own cap while the budget holds, then only what is left, never 0 (no limit to a child process)', () => {
    const time = clock();
    const budget = new GradingBudget(4, time.now, HOST_ALLOWANCE_SECONDS);
    expect(budget.limitFor(4_000)).toBe(4_000);
    time.advance(31_000);
    expect(budget.limitFor(4_000)).toBe(3_000);
    time.advance(10_000);
    expect(budget.expired()).toBe(true);
    expect(budget.limitFor(4_000)).toBe(1);
  });

  it('races work against the deadline: the value when it comes first, BUDGET_SPENT when the deadline does', async () => {
    const budget = new GradingBudget(0.03, Date.now, 0.02);
    await expect(budget.race(Promise.resolve('done'))).resolves.toBe('done');
    await expect(budget.race(new Promise(() => undefined))).resolves.toBe(BUDGET_SPENT);
  });
});
