/**
 * A toy program for strategy tests, with no machine: threads that each take
 * a number of steps. At every step where more than one thread can go, the
 * strategy picks, exactly as the machine asks it (`run` actions keyed by
 * thread number); each execution's order of steps is recorded.
 */
import type { Action, ExecutionOutcome } from '../../src/machine/index.js';
import type { Strategy } from '../../src/explore/index.js';

/** One execution of the toy program: the thread of each step, in order. */
export type ToyOrder = readonly number[];

/** Runs up to `schedules` executions of threads with `steps[t]` steps each under `strategy`; returns their orders. */
export function runToy(strategy: Strategy, steps: readonly number[], schedules: number): ToyOrder[] {
  const orders: ToyOrder[] = [];
  for (let index = 0; index < schedules; index++) {
    const plan = strategy.startExecution(index);
    if (plan === null) break;
    const left = [...steps];
    const order: number[] = [];
    const choices: number[] = [];
    const radices: number[] = [];
    let current = -1;
    for (;;) {
      const actions: Action[] = [];
      left.forEach((n, thread) => {
        if (n > 0) actions.push({ kind: 'run', key: thread, cpu: null, ctx: null, source: null } as unknown as Action);
      });
      if (actions.length === 0) break;
      let index = 0;
      if (actions.length > 1) {
        index = plan.picker.pick(actions, actions.length, current, -1);
        choices.push(index);
        radices.push(actions.length);
      }
      current = actions[index]!.key;
      left[current]!--;
      order.push(current);
    }
    strategy.finishExecution({ steps: order.length, kernelCalls: 0, stopped: null, choices, radices, digest: 0, sites: new Map(), timeline: [] } as unknown as ExecutionOutcome);
    orders.push(order);
  }
  return orders;
}

/** Every order of threads with `steps[t]` steps each. */
export function everyOrder(steps: readonly number[]): ToyOrder[] {
  const left = [...steps];
  const orders: number[][] = [];
  const walk = (prefix: number[]): void => {
    if (left.every((n) => n === 0)) orders.push([...prefix]);
    left.forEach((n, thread) => {
      if (n === 0) return;
      left[thread]!--;
      walk([...prefix, thread]);
      left[thread]!++;
    });
  };
  walk([]);
  return orders;
}

/** Preemptions of an order: switching away from a thread that had steps left. */
export function preemptionsOf(order: ToyOrder, steps: readonly number[]): number {
  const left = [...steps];
  let preemptions = 0;
  order.forEach((thread, i) => {
    if (i > 0 && thread !== order[i - 1] && left[order[i - 1]!]! > 0) preemptions++;
    left[thread]!--;
  });
  return preemptions;
}

/**
 * Delays of an order against the round-robin scheduler: at each step the
 * candidates are the threads with steps left, the last one first, then the
 * others in cyclic order of number after it; taking the p-th costs p.
 */
export function delaysOf(order: ToyOrder, steps: readonly number[]): number {
  const left = [...steps];
  let delays = 0;
  let last = -1;
  const n = steps.length;
  for (const thread of order) {
    const distance = (t: number): number => (last < 0 ? t : (t - last + n) % n);
    const candidates = steps.map((_, t) => t).filter((t) => left[t]! > 0).sort((a, b) => distance(a) - distance(b));
    delays += candidates.indexOf(thread);
    left[thread]!--;
    last = thread;
  }
  return delays;
}
