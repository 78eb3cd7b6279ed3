/**
 * Iterative bounded search (Musuvathi & Qadeer, "Iterative Context Bounding
 * for Systematic Testing of Multithreaded Programs", PLDI 2007): every
 * schedule whose cost — preemptions for `dfs`, delays for `idb` — is 0, then
 * every one whose cost is exactly 1, and so on up to the bound C, each
 * schedule run once. When it ends on its own, "no violation within C" is a
 * proof, not a sample.
 *
 * How: a pending schedule is a prefix of choices whose cost is its level.
 * A run follows its prefix, then takes the free default at every later
 * decision; each other option there is a new pending schedule, filed at the
 * level its cost brings it to (the same level: explored depth first before
 * the next pending one; a higher level: after every schedule of this one;
 * above C: dropped). Each schedule is so made exactly once, at the decision
 * where it first leaves the default.
 */
import type { Action, ExecutionOutcome, SchedulePicker } from '../machine/index.js';
import { PrefixTree, ROOT } from './prefix-tree.js';
import { mixSeed, Rng } from './rng.js';
import type { BoundedSummary, ExecutionPlan, Strategy } from './strategy.js';

/** What a bound counts, decision by decision. */
export interface BoundMeasure {
  readonly name: 'preemptions' | 'delays';
  /**
   * Fills `costs[i]` (for i < `count`) with what choosing action i adds to
   * the schedule's cost, and returns the default: an action of cost 0.
   * `current` is the key of the action that ran last.
   */
  costs(actions: readonly Action[], count: number, current: number, costs: number[]): number;
}

/** The search over schedules of cost at most `bound`; dfs and idb are this with their measure. */
export abstract class BoundedSearch implements Strategy {
  abstract readonly name: 'dfs' | 'idb';
  private readonly tree = new PrefixTree();
  /** The level (cost) being searched. */
  private level = 0;
  /** Pending schedules of the current level, last in first out (depth first). */
  private stack: number[] = [ROOT];
  /** Pending schedules of each higher level, in the order they were found. */
  private readonly frontier: number[][] = [];
  private readonly perLevel: number[] = [0];
  private covered: number | null = null;
  private done = false;
  /** The run in progress's zero-cost alternatives (nodes, to push when it ends). */
  private sameLevel: number[] = [];
  private readonly costs: number[] = [];

  constructor(
    private readonly measure: BoundMeasure,
    /** C (at least 0). */
    private readonly bound: number,
    /** Every run draws the same entropy, so a prefix replays the same decisions. */
    private readonly seed: number,
  ) {
    if (!(Number.isInteger(bound) && bound >= 0)) throw new Error(`the bound must be an integer of at least 0, got ${bound}`);
    for (let c = 0; c <= bound; c++) this.frontier.push([]);
  }

  /** The next pending schedule's plan, or null when the bounded space is exhausted. */
  startExecution(): ExecutionPlan | null {
    if (this.done) return null;
    const node = this.stack.pop()!;
    const { choices, radices } = this.tree.path(node);
    this.sameLevel = [];
    const entropy = new Rng(mixSeed(this.seed, 2));
    const level = this.level;
    let depth = 0;
    // The last node of the run's path so far, and the default choices taken since (made nodes only when an alternative needs them).
    let anchor = node;
    const defaults: Array<[number, number]> = [];
    const picker: SchedulePicker = {
      pick: (actions: readonly Action[], count: number, current: number, due: number) => {
        const at = depth++;
        if (at < choices.length) {
          if (radices[at] !== count) throw new Error(`${this.measure.name} search: the schedule diverged at decision ${at} (${count} options, ${radices[at]} before)`);
          return choices[at]!;
        }
        // An action due by fairness is the only option: no alternative to file.
        if (due >= 0) {
          defaults.push([due, count]);
          return due;
        }
        const chosen = this.measure.costs(actions, count, current, this.costs);
        const mark = this.sameLevel.length;
        for (let i = 0; i < count; i++) {
          const cost = level + this.costs[i]!;
          if (i === chosen || cost > this.bound) continue;
          for (const [choice, radix] of defaults) anchor = this.tree.add(anchor, choice, radix);
          defaults.length = 0;
          const alternative = this.tree.add(anchor, i, count);
          if (cost === level) this.sameLevel.push(alternative);
          else this.frontier[cost]!.push(alternative);
        }
        // This decision's options, highest first, so the stack pops the lowest first.
        reverseFrom(this.sameLevel, mark);
        defaults.push([chosen, count]);
        return chosen;
      },
      nextRandom: () => entropy.next(),
    };
    return { picker, seed: this.seed };
  }

  /** The run ended: files its same-level alternatives, and moves on to the next level when this one is done. */
  finishExecution(_outcome: ExecutionOutcome): void {
    // A run that ended inside its prefix (spinlab stopped it) made no new decision: it adds nothing to search.
    this.perLevel[this.level]!++;
    // The deepest decision on top, its lowest option first: depth-first backtracking.
    for (const node of this.sameLevel) this.stack.push(node);
    while (this.stack.length === 0 && !this.done) {
      this.covered = this.level;
      if (this.level === this.bound) {
        this.done = true;
        break;
      }
      this.level++;
      this.stack = this.frontier[this.level]!.reverse();
      this.frontier[this.level] = [];
      this.perLevel.push(0);
    }
  }

  /** Whether every schedule of cost at most C has run. */
  exhausted(): boolean {
    return this.done;
  }

  /** What was covered so far. */
  summary(): BoundedSummary {
    return { kind: 'bounded', measure: this.measure.name, bound: this.bound, coveredBound: this.covered, schedulesPerBound: [...this.perLevel] };
  }
}

function reverseFrom(list: number[], start: number): void {
  for (let i = start, j = list.length - 1; i < j; i++, j--) [list[i], list[j]] = [list[j]!, list[i]!];
}
