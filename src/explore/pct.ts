/**
 * PCT — Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi,
 * Nagarakatte, "A Randomized Scheduler with Probabilistic Guarantees of
 * Finding Bugs", ASPLOS 2010). Each schedulable thing gets a random priority
 * ≥ d; the highest-priority enabled one always runs; at d−1 random steps in
 * [1, k] the running one drops to a priority below all initial ones. A bug
 * of depth d is found with probability ≥ 1/(n·k^(d−1)) per run (n threads,
 * k steps).
 *
 * One departure from the paper: where an interrupt can arrive on a CPU that
 * holds a spin lock, it is delivered one time in four (interrupt-bias.ts).
 *
 * k is learned as SCTBench does (Thomson, Donaldson, Betts, PPoPP 2014):
 * execution 0 measures it, and afterwards k is the longest execution seen so
 * far. The measuring run is a random walk (uniform among the enabled
 * actions), not a fixed priority order: a run with no change point can never
 * preempt, so it would be a schedule spent testing nothing a priority order
 * does not already test. There is no floor: a floor above the real length
 * puts change points after the run ends, and PCT degrades to a fixed
 * priority order. The estimate depends only on earlier executions, so it is
 * deterministic for a seed.
 *
 * As in the paper, a change point lowers the thread that would execute that
 * step (the highest-priority enabled one), and the d − 1 points are distinct.
 *
 * A second departure: strict priorities starve. A driver polling a flag that
 * a lower-priority context sets would spin to the step limit, a hang no real
 * machine shows. When the machine says an action is due (it waited its fair
 * share, src/machine/fairness.ts), the context that kept it waiting is
 * treated as having yielded, as CHESS's fair scheduler does (Musuvathi and
 * Qadeer, "Fair stateless model checking", PLDI 2008): it drops below every
 * other. A run in which that happened says nothing of the program's length:
 * it does not count towards k.
 */
import type { Action, ExecutionOutcome, SchedulePicker } from '../machine/index.js';
import { lockedInterrupt } from './interrupt-bias.js';
import { mixSeed, Rng } from './rng.js';
import type { ExecutionPlan, PctSummary, Strategy } from './strategy.js';

/** PCT with bug depth `depth` (default 3). */
export class PctStrategy implements Strategy {
  readonly name = 'pct';
  /** k: the longest execution seen so far, in decisions (0 before the first ends). */
  private longest = 0;
  /** n: the most distinct schedulable keys one execution chose among. */
  private threads = 0;
  /** The keys the current execution chose among. */
  private keysNow = new Set<number>();
  /** Whether the current execution yielded to a due action (its length is then no estimate of k). */
  private yieldedNow = false;

  constructor(
    private readonly seed: number,
    private readonly depth = 3,
  ) {}

  startExecution(index: number): ExecutionPlan {
    const seed = mixSeed(this.seed, index, 0x50435400);
    const rng = new Rng(mixSeed(seed, 1));
    const entropy = new Rng(mixSeed(seed, 2));
    const d = Math.max(1, this.depth);
    const changePoints: number[] = [];
    // Before any run has ended k is unknown: the first run measures it.
    if (this.longest > 0) {
      const span = this.longest;
      for (let i = 0; i < d - 1 && i < span; i++) {
        let point = 1 + rng.below(span);
        while (changePoints.includes(point)) point = 1 + rng.below(span);
        changePoints.push(point);
      }
    }
    const priorities = new Map<number, number>();
    const keys = (this.keysNow = new Set<number>());
    const priorityOf = (key: number): number => {
      let p = priorities.get(key);
      if (p === undefined) {
        p = d + rng.float();
        priorities.set(key, p);
        keys.add(key);
      }
      return p;
    };
    let step = 0;
    let yields = 0;
    this.yieldedNow = false;
    const measuring = this.longest === 0;
    const picker: SchedulePicker = {
      pick: (actions: readonly Action[], count: number, _current: number, due: number) => {
        step++;
        if (due >= 0) {
          // The context that kept it waiting yields: below every priority, the latest yielder lowest.
          const looper = measuring ? due : highest(actions, count, priorityOf);
          if (looper !== due) priorities.set(actions[looper]!.key, -++yields);
          this.yieldedNow = true;
          return due;
        }
        const interrupt = lockedInterrupt(actions, count, rng);
        if (interrupt >= 0) return interrupt;
        if (measuring) {
          for (let i = 0; i < count; i++) keys.add(actions[i]!.key);
          return rng.below(count);
        }
        let best = highest(actions, count, priorityOf);
        for (let i = 0; i < changePoints.length; i++) {
          if (changePoints[i] === step) {
            priorities.set(actions[best]!.key, i + 1);
            best = highest(actions, count, priorityOf);
          }
        }
        return best;
      },
      nextRandom: () => entropy.next(),
    };
    return { picker, seed };
  }

  finishExecution(outcome: ExecutionOutcome): void {
    if (!this.yieldedNow) this.longest = Math.max(this.longest, outcome.choices.length);
    this.threads = Math.max(this.threads, this.keysNow.size);
  }

  exhausted(): null {
    return null;
  }

  summary(): PctSummary {
    return { kind: 'pct', depth: Math.max(1, this.depth), threads: this.threads, steps: this.longest };
  }
}

/** The index of the highest-priority action among the first `count`. */
function highest(actions: readonly Action[], count: number, priorityOf: (key: number) => number): number {
  let best = 0;
  let bestPriority = -Infinity;
  for (let i = 0; i < count; i++) {
    const p = priorityOf(actions[i]!.key);
    if (p > bestPriority) {
      bestPriority = p;
      best = i;
    }
  }
  return best;
}
