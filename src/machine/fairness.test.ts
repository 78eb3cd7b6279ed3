import { describe, expect, it } from 'vitest';
import type { Action } from './actions.js';
import { dueAction, FAIRNESS_BOUND, noteChoice } from './fairness.js';

const action = (kind: Action['kind'], key: number): Action => ({ kind, key, cpu: null, ctx: null, source: null, waited: 0 }) as unknown as Action;

describe('fairness: which action is due', () => {
  it('makes an action passed over at FAIRNESS_BOUND decisions since it was last taken due, and no sooner', () => {
    const [spinner, waiter] = [action('run', 1), action('switch', 2)];
    const both = [spinner, waiter];
    for (let i = 0; i < FAIRNESS_BOUND; i++) {
      expect(dueAction(both, 2)).toBe(-1);
      noteChoice(both, 2, 0);
    }
    expect(dueAction(both, 2)).toBe(1);
    noteChoice(both, 2, 1);
    expect(waiter.waited).toBe(0);
    expect(dueAction(both, 2)).toBe(-1);
  });

  it('counts decisions the action was enabled at, not only consecutive ones (a context spinning on a lock the looper keeps retaking)', () => {
    const [spinner, waiter] = [action('run', 1), action('run', 2)];
    for (let i = 0; i < FAIRNESS_BOUND; i++) {
      // The waiter is enabled only while the lock is free: every other decision.
      noteChoice([spinner], 1, 0);
      noteChoice([spinner, waiter], 2, 0);
    }
    expect(dueAction([spinner, waiter], 2)).toBe(1);
  });

  it('takes the action passed over most first, and never an interrupt delivery (the device is not owed a turn)', () => {
    const [a, b, irq] = [action('run', 1), action('dpc', 2), action('interrupt', 3)];
    a.waited = FAIRNESS_BOUND + 5;
    b.waited = FAIRNESS_BOUND + 9;
    irq.waited = FAIRNESS_BOUND + 50;
    expect(dueAction([a, b, irq], 3)).toBe(1);
    expect(dueAction([irq], 1)).toBe(-1);
  });
});
