/**
 * Fairness: on a real machine every CPU makes progress and the OS switches
 * threads, so no context waits for ever while another loops. A strategy
 * that always picks the same context — PCT's highest priority, dfs's
 * "no preemption" default — would let a driver that polls a flag under its
 * lock spin until the step limit, and report a correct driver as hanging.
 * So an action (a context to resume or switch in, a queued DPC) passed over
 * at {@link FAIRNESS_BOUND} decisions since it was last taken is *due*: the
 * next decision must take it. The decisions need not be consecutive: a
 * context spinning on a spin lock the looping one keeps retaking is enabled
 * only while the lock is free, every other decision. Interrupt deliveries
 * are the device's, not a CPU's work: never due. A driver that waits for
 * something no one will do still loops until the step limit.
 *
 * The bookkeeping lives on the actions themselves (one number each, no map
 * on the hot path); a decision's due action depends only on the decisions
 * before it, so a schedule code replays it exactly.
 */
import type { Action } from './actions.js';

/** At how many decisions an enabled action may be passed over since it was last taken (a run of the exercises makes a few hundred decisions in all). */
export const FAIRNESS_BOUND = 1000;

/**
 * The index among the first `count` of `actions` (those enabled now) of the
 * action due — the one passed over most, once that is {@link FAIRNESS_BOUND}
 * — or -1.
 */
export function dueAction(actions: readonly Action[], count: number): number {
  let due = -1;
  let longest = FAIRNESS_BOUND - 1;
  for (let i = 0; i < count; i++) {
    const action = actions[i]!;
    if (action.waited > longest && action.kind !== 'interrupt') {
      longest = action.waited;
      due = i;
    }
  }
  return due;
}

/** Action `chosen` of the first `count` was taken: it waits no more, the others one decision more. */
export function noteChoice(actions: readonly Action[], count: number, chosen: number): void {
  for (let i = 0; i < count; i++) {
    const action = actions[i]!;
    action.waited = i === chosen ? 0 : action.waited + 1;
  }
}
