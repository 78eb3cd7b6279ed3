import type { KIRQL } from '../irql.js';
import { Note, Op } from '../protocol.js';
import { bridge, kcall } from '../guest/runtime.js';
import { irqlArg } from '../guest/args.js';

/** The current CPU's IRQL. **Any IRQL.** Not a scheduling point. */
export function KeGetCurrentIrql(): KIRQL {
  return bridge().note(Note.CurrentIrql, undefined, undefined) as KIRQL;
}

/** The number of the CPU the caller runs on. **Any IRQL.** Not a scheduling point. */
export function KeGetCurrentProcessorNumber(): number {
  return bridge().note(Note.CurrentProcessor, undefined, undefined) as number;
}

/**
 * Raises the current CPU's IRQL to `NewIrql` (which must not be lower) and
 * returns the old IRQL, for {@link KeLowerIrql}. **Any IRQL ≤ `NewIrql`**
 * (a lower `NewIrql` is a bug check).
 *
 * Raising IRQL masks DPCs and thread switches **on this CPU only**: it does
 * not protect data from other CPUs. Use a spin lock for that.
 */
export function KeRaiseIrql(NewIrql: KIRQL): Promise<KIRQL> {
  return kcall(Op.KeRaiseIrql, irqlArg(NewIrql));
}

/**
 * Lowers the current CPU's IRQL back to `NewIrql`, the value the matching
 * {@link KeRaiseIrql} returned. **Any IRQL ≥ `NewIrql`** (in practice the one
 * KeRaiseIrql raised to).
 */
export function KeLowerIrql(NewIrql: KIRQL): Promise<void> {
  return kcall(Op.KeLowerIrql, irqlArg(NewIrql));
}

/**
 * Busy-waits `MicroSeconds` of simulated time on the current CPU. **Any
 * IRQL**; keep it short (under 50 µs), especially while holding a spin lock.
 */
export function KeStallExecutionProcessor(MicroSeconds: number): Promise<void> {
  return kcall(Op.KeStallExecutionProcessor, typeof MicroSeconds === 'number' ? MicroSeconds : 0);
}
