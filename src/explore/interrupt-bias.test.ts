import { describe, expect, it } from 'vitest';
import type { Action } from '../machine/index.js';
import { lockedInterrupt, LOCKED_INTERRUPT_ODDS } from './interrupt-bias.js';
import { Rng } from './rng.js';

/** A CPU whose stack holds one context, holding `locks` locks. */
function cpu(id: number, locks: number): Action['cpu'] {
  return { id, stack: [{ held: Array.from({ length: locks }, () => ({})) }] } as unknown as Action['cpu'];
}

const run = (c: Action['cpu']): Action => ({ kind: 'run', cpu: c, ctx: null, source: null, key: c.id, waited: 0 });
const interrupt = (c: Action['cpu']): Action => ({ kind: 'interrupt', cpu: c, ctx: null, source: null, key: 2_000_000 + c.id, waited: 0 });

describe('interrupts where they hurt', () => {
  it('delivers an interrupt to a CPU holding a lock one time in four, and only that one', () => {
    const locked = cpu(0, 1);
    const free = cpu(1, 0);
    const actions = [run(locked), run(free), interrupt(free), interrupt(locked)];
    const rng = new Rng(7);
    const picks = Array.from({ length: 4000 }, () => lockedInterrupt(actions, actions.length, rng));
    const delivered = picks.filter((p) => p === 3).length;
    expect(picks.every((p) => p === -1 || p === 3)).toBe(true);
    expect(delivered / picks.length).toBeGreaterThan(1 / LOCKED_INTERRUPT_ODDS - 0.03);
    expect(delivered / picks.length).toBeLessThan(1 / LOCKED_INTERRUPT_ODDS + 0.03);
  });

  it('leaves the choice to the strategy when no CPU an interrupt can reach holds a lock', () => {
    const free = cpu(0, 0);
    const actions = [run(cpu(1, 1)), interrupt(free)];
    const rng = new Rng(7);
    expect(Array.from({ length: 100 }, () => lockedInterrupt(actions, actions.length, rng)).every((p) => p === -1)).toBe(true);
  });
});
