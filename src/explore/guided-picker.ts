/**
 * The picker of a minimization candidate: it follows a plan (the explored
 * run's choices, or anchored directives) and records every decision it makes,
 * so the candidate's schedule code replays it exactly.
 */
import type { Action, SchedulePicker } from '../machine/index.js';
import type { FaultTarget } from './fault-plan.js';
import { mixSeed, Rng } from './rng.js';

/**
 * A candidate run: with the entropy of `seed`, either the explored run's
 * choices by index (its baseline), or directives — at decision anchor
 * `anchors[i]`, take the action whose key is `keys[i]` (only where nothing
 * could continue, unless `flags[i]` says it preempted or delivered an
 * interrupt or DPC) — and the default everywhere else.
 */
export type Plan = (
  | { readonly seed: number; readonly follow: 'choices'; readonly values: readonly number[] }
  | { readonly seed: number; readonly follow: 'directives'; readonly anchors: readonly number[]; readonly keys: readonly number[]; readonly flags: readonly number[] }
) & {
  /** The call a fault run failed: every candidate fails it too (null or absent: none fails, as in the strategy's runs). */
  readonly fault?: FaultTarget | null;
};

/** A decision's flags. */
export const NON_DEFAULT = 1;
export const PREEMPTION = 2;
/** An interrupt delivered or a DPC run while a context could have run. */
export const EXTRA = 4;
/** An anchor is the key of the action that ran last times this, plus how many decisions it came to before. */
export const ANCHOR_SPAN = 2 ** 22;

/**
 * Follows a plan and records every decision. The default — where the plan
 * has no directive, or names an action that is not enabled — never
 * preempts: it keeps running the context that ran last while it can, else
 * takes the first context that can run; it delivers an interrupt or runs a
 * DPC only when nothing else can run.
 */
export class GuidedPicker implements SchedulePicker {
  readonly anchors: number[] = [];
  readonly keys: number[] = [];
  readonly flags: number[] = [];
  /** The same entropy a strategy's run and a replay of its code draw (see ReplayStrategy). */
  private readonly entropy: Rng;
  /** Per anchor: its directive's index in the plan. */
  private readonly directives = new Map<number, number>();
  /** Per key of the action that ran last: how many decisions came after it so far. */
  private readonly reached = new Map<number, number>();

  constructor(private readonly plan: Plan) {
    this.entropy = new Rng(mixSeed(plan.seed, 2));
    if (plan.follow === 'directives') plan.anchors.forEach((anchor, i) => this.directives.set(anchor, i));
  }

  pick(actions: readonly Action[], count: number, current: number): number {
    let continuing = -1;
    let firstContext = -1;
    for (let i = 0; i < count; i++) {
      const action = actions[i]!;
      if (action.key === current) continuing = i;
      if (firstContext < 0 && (action.kind === 'run' || action.kind === 'switch')) firstContext = i;
    }
    const fallback = continuing >= 0 ? continuing : Math.max(0, firstContext);
    const n = this.reached.get(current) ?? 0;
    this.reached.set(current, n + 1);
    const anchor = current * ANCHOR_SPAN + Math.min(n, ANCHOR_SPAN - 1);
    let chosen = fallback;
    if (this.plan.follow === 'choices') {
      const wanted = this.plan.values[this.keys.length];
      if (wanted !== undefined && wanted < count) chosen = wanted;
    } else {
      const d = this.directives.get(anchor);
      // A directive that did not preempt where it was recorded does not preempt here either.
      if (d !== undefined && (continuing < 0 || (this.plan.flags[d]! & (PREEMPTION | EXTRA)) !== 0)) {
        for (let i = 0; i < count; i++) if (actions[i]!.key === this.plan.keys[d]) chosen = i;
      }
    }
    const kind = actions[chosen]!.kind;
    const extra = (kind === 'dpc' || kind === 'interrupt') && firstContext >= 0;
    const preempts = !extra && continuing >= 0 && chosen !== continuing;
    this.anchors.push(anchor);
    this.keys.push(actions[chosen]!.key);
    this.flags.push((chosen !== fallback ? NON_DEFAULT : 0) | (preempts ? PREEMPTION : 0) | (extra ? EXTRA : 0));
    return chosen;
  }

  nextRandom(): number {
    return this.entropy.next();
  }

  /** Decisions flagged `flag`. */
  count(flag: number): number {
    let n = 0;
    for (const f of this.flags) if ((f & flag) !== 0) n++;
    return n;
  }
}
