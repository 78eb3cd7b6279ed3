/**
 * Bounded exhaustive search with a preemption bound (Musuvathi & Qadeer,
 * "Iterative Context Bounding for Systematic Testing of Multithreaded
 * Programs", PLDI 2007): every schedule with at most `bound` preemptions is
 * run once, depth first. When the search ends on its own, "no violation
 * within the bound" is a proof, not a sample.
 *
 * A preemption is choosing any action other than continuing the context
 * that ran last, while it could continue.
 */
import type { Action, ExecutionOutcome, SchedulePicker } from '../machine/index.js';
import { mixSeed, Rng } from './rng.js';
import type { ExecutionPlan, Strategy } from './strategy.js';

/** One decision on the current path. */
interface Decision {
  /** Options in the order they are tried: the non-preemptive one first. */
  readonly order: number[];
  /** Which of `order` is taken now. */
  position: number;
  readonly radix: number;
  /** Index of the action continuing the last context, or -1 if it cannot continue. */
  readonly continuing: number;
  /** Preemptions on the path before this decision. */
  readonly preemptionsBefore: number;
}

/** Depth-first search with at most `bound` preemptions per schedule (default 2). */
export class DfsStrategy implements Strategy {
  readonly name = 'dfs';
  private readonly path: Decision[] = [];
  private done = false;

  constructor(
    private readonly seed: number,
    private readonly bound = 2,
  ) {}

  startExecution(): ExecutionPlan | null {
    if (this.done) return null;
    const seed = mixSeed(this.seed, 0x44465300);
    const entropy = new Rng(mixSeed(seed, 2));
    let depth = 0;
    const picker: SchedulePicker = {
      pick: (actions: readonly Action[], count: number, current: number) => {
        const at = depth++;
        const existing = this.path[at];
        if (existing !== undefined) {
          if (existing.radix !== count) throw new Error(`dfs: the schedule diverged at decision ${at}`);
          return existing.order[existing.position]!;
        }
        let continuing = -1;
        for (let i = 0; i < count; i++) if (actions[i]!.key === current) continuing = i;
        const before = at === 0 ? 0 : this.preemptionsAfter(this.path[at - 1]!);
        const order = continuing >= 0 ? [continuing, ...range(count).filter((i) => i !== continuing)] : range(count);
        this.path.push({ order, position: 0, radix: count, continuing, preemptionsBefore: before });
        return order[0]!;
      },
      nextRandom: () => entropy.next(),
    };
    return { picker, seed };
  }

  finishExecution(outcome: ExecutionOutcome): void {
    this.path.length = Math.min(this.path.length, outcome.choices.length);
    while (this.path.length > 0) {
      const last = this.path[this.path.length - 1]!;
      if (this.advance(last)) return;
      this.path.pop();
    }
    this.done = true;
  }

  exhausted(): boolean {
    return this.done;
  }

  /** Moves `decision` to its next option within the bound; false if none is left. */
  private advance(decision: Decision): boolean {
    while (decision.position + 1 < decision.order.length) {
      decision.position++;
      if (this.preemptionsAfter(decision) <= this.bound) return true;
    }
    return false;
  }

  private preemptionsAfter(decision: Decision): number {
    const chosen = decision.order[decision.position]!;
    const preempts = decision.continuing >= 0 && chosen !== decision.continuing;
    return decision.preemptionsBefore + (preempts ? 1 : 0);
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
