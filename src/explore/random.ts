import type { Action, ExecutionOutcome, SchedulePicker } from '../machine/index.js';
import { lockedInterrupt } from './interrupt-bias.js';
import { mixSeed, Rng } from './rng.js';
import type { ExecutionPlan, Strategy } from './strategy.js';

/** Picks uniformly among the enabled actions (an interrupt on a CPU holding a lock more often: see interrupt-bias.ts). */
export class RandomStrategy implements Strategy {
  readonly name = 'random';

  constructor(private readonly seed: number) {}

  startExecution(index: number): ExecutionPlan {
    const seed = mixSeed(this.seed, index, 0x52414e44);
    const choices = new Rng(mixSeed(seed, 1));
    const entropy = new Rng(mixSeed(seed, 2));
    const picker: SchedulePicker = {
      pick: (actions: readonly Action[], count: number, _current: number, due: number) => {
        if (due >= 0) return due;
        const interrupt = lockedInterrupt(actions, count, choices);
        return interrupt >= 0 ? interrupt : choices.below(count);
      },
      nextRandom: () => entropy.next(),
    };
    return { picker, seed };
  }

  finishExecution(_outcome: ExecutionOutcome): void {}

  exhausted(): null {
    return null;
  }

  summary(): null {
    return null;
  }
}
