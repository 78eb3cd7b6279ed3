/**
 * `dfs`: iterative preemption bounding (Musuvathi & Qadeer, PLDI 2007):
 * every schedule with 0 preemptions, then every one with exactly 1, … up to
 * the bound (default 2), each once (see `bounded-search.ts`).
 *
 * A preemption is choosing any action other than continuing the context
 * that ran last, while it could continue. Delivering an interrupt or running
 * a DPC then counts as one too: it takes the CPU from a context that could
 * go on (as CHESS counts it). Where the last context cannot continue (it
 * blocked, or ended), every choice is free.
 */
import type { Action } from '../machine/index.js';
import { BoundedSearch, type BoundMeasure } from './bounded-search.js';
import { mixSeed } from './rng.js';

/** Preemptions, decision by decision. */
export const PREEMPTIONS: BoundMeasure = {
  name: 'preemptions',
  costs(actions: readonly Action[], count: number, current: number, costs: number[]): number {
    let continuing = -1;
    for (let i = 0; i < count; i++) if (actions[i]!.key === current) continuing = i;
    for (let i = 0; i < count; i++) costs[i] = continuing >= 0 && i !== continuing ? 1 : 0;
    return Math.max(0, continuing);
  },
};

/** Every schedule with at most `bound` preemptions (default 2), fewest first. */
export class DfsStrategy extends BoundedSearch {
  readonly name = 'dfs';

  constructor(seed: number, bound = 2) {
    super(PREEMPTIONS, bound, mixSeed(seed, 0x44465300));
  }
}
