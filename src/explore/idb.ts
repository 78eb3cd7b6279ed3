/**
 * `idb`: iterative delay bounding (Emmi, Qadeer, Rakamarić, "Delay-Bounded
 * Scheduling", POPL 2011): a deterministic scheduler, and every schedule
 * that departs from it by at most `bound` delays (default 2), those with 0
 * first, then exactly 1, … each once (see `bounded-search.ts`).
 *
 * The deterministic scheduler keeps running the context that ran last while
 * it can, else takes the next context in round-robin order of keys (context
 * ids) after it. A delay skips its choice to the next candidate in that
 * order: taking the candidate at position p costs p delays. Interrupts and
 * DPCs are not in the round robin: the scheduler delivers one only when no
 * context can run (which one is then free, as in `dfs`); delivering one
 * while a context could run costs one delay, wherever it lands.
 */
import type { Action } from '../machine/index.js';
import { BoundedSearch, type BoundMeasure } from './bounded-search.js';
import { mixSeed } from './rng.js';

/** Delays, decision by decision. */
export const DELAYS: BoundMeasure = {
  name: 'delays',
  costs(actions: readonly Action[], count: number, current: number, costs: number[]): number {
    const contexts: number[] = [];
    for (let i = 0; i < count; i++) {
      const kind = actions[i]!.kind;
      if (kind === 'run' || kind === 'switch') contexts.push(i);
    }
    // Round robin from the last context: itself (key 0 from it), then the keys after it, then those before.
    const distance = (i: number): number => {
      const key = actions[i]!.key;
      return key >= current ? key - current : key - current + 2 ** 31;
    };
    contexts.sort((a, b) => distance(a) - distance(b));
    for (let i = 0; i < count; i++) costs[i] = contexts.length > 0 ? 1 : 0;
    contexts.forEach((index, position) => (costs[index] = position));
    return contexts.length > 0 ? contexts[0]! : 0;
  },
};

/** Every schedule within `bound` delays of the round-robin scheduler (default 2), fewest first. */
export class IdbStrategy extends BoundedSearch {
  readonly name = 'idb';

  constructor(seed: number, bound = 2) {
    super(DELAYS, bound, mixSeed(seed, 0x49444200));
  }
}
