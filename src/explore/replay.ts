/** Follows a schedule code exactly, and says so loudly when the run does not match it. */
import type { Action, ExecutionOutcome, SchedulePicker } from '../machine/index.js';
import { mixSeed, Rng } from './rng.js';
import { ScheduleReader } from './schedule-code.js';
import type { ExecutionPlan, Strategy } from './strategy.js';

/** Replays one schedule code. */
export class ReplayStrategy implements Strategy {
  readonly name = 'replay';
  private readonly reader: ScheduleReader;
  private started = false;
  /** Why the replay diverged, once known. */
  divergence: string | null = null;

  constructor(code: string) {
    this.reader = new ScheduleReader(code);
  }

  startExecution(): ExecutionPlan | null {
    if (this.started) return null;
    this.started = true;
    const entropy = new Rng(mixSeed(this.reader.seed, 2));
    let decision = 0;
    const next = (count: number): number => {
      decision++;
      const choice = this.reader.next(count);
      if (choice < 0) {
        const exhausted = this.reader.read >= this.reader.count && choice === -1 && decision > this.reader.count;
        this.divergence ??= `at decision ${decision} the code ${exhausted ? 'has no choice left' : `names an option this run does not have (it has ${count})`}`;
        return 0;
      }
      return choice;
    };
    const picker: SchedulePicker = {
      pick: (_actions: readonly Action[], count: number) => next(count),
      nextRandom: () => entropy.next(),
    };
    // A fault run's code holds a choice for every faultable call: 1 is the call it failed.
    if (this.reader.faults) picker.fail = () => next(2) === 1;
    return { picker, seed: this.reader.seed };
  }

  finishExecution(outcome: ExecutionOutcome): void {
    if (this.divergence !== null) return;
    if (outcome.choices.length !== this.reader.count) {
      this.divergence = `the run made ${outcome.choices.length} choices, the code holds ${this.reader.count}`;
    } else if (outcome.digest !== this.reader.digest) {
      this.divergence = 'the run took every recorded choice but its trace differs';
    }
  }

  exhausted(): null {
    return null;
  }

  summary(): null {
    return null;
  }
}
