/**
 * Interrupts where they hurt: an interrupt that arrives while its CPU holds a
 * spin lock is where an ISR that needs the lock spins forever, and where an
 * executive lock fails to protect data shared with the ISR. Uniform choices
 * rarely land there, so `random` and `pct` deliver such an interrupt with a
 * higher chance: at a decision where one is pending, one time in
 * {@link LOCKED_INTERRUPT_ODDS} they take it. The pick is recorded like any
 * other choice, so schedule codes replay as before.
 */
import type { Action, Cpu } from '../machine/index.js';
import type { Rng } from './rng.js';

/** One decision in this many, when an interrupt can arrive on a CPU holding a spin lock, delivers it. */
export const LOCKED_INTERRUPT_ODDS = 4;

/** The index of an interrupt to deliver on a CPU that holds a spin lock, drawn from `rng`, or -1 (the strategy picks as usual). */
export function lockedInterrupt(actions: readonly Action[], count: number, rng: Rng): number {
  let candidates = 0;
  for (let i = 0; i < count; i++) if (isLockedInterrupt(actions[i]!)) candidates++;
  if (candidates === 0 || rng.below(LOCKED_INTERRUPT_ODDS) !== 0) return -1;
  let n = rng.below(candidates);
  for (let i = 0; i < count; i++) {
    if (isLockedInterrupt(actions[i]!) && n-- === 0) return i;
  }
  return -1;
}

function isLockedInterrupt(action: Action): boolean {
  return action.kind === 'interrupt' && holdsLock(action.cpu);
}

function holdsLock(cpu: Cpu): boolean {
  for (const ctx of cpu.stack) if (ctx.held.length > 0) return true;
  return false;
}
