/** What the kernel does when a routine returns and when a schedule runs out of actions. */
import type { Execution } from '../execution.js';
import type { Frame } from '../frame.js';
import { deadlockCycle } from './lock-core.js';

/**
 * After a routine returned (and its findings were reported): nothing is
 * undone, as on the real machine. A lock it still holds stays held by its
 * context — later acquirers spin, and the hang that follows is found — and
 * IRQL stays where the routine left it. (The host bodies that call ISRs,
 * DPCs and SynchCritSection routines restore IRQL themselves, as the kernel
 * does.)
 */
export function frameEnded(_x: Execution, frame: Frame): void {
  frame.acquisitions.length = 0;
}

/** No action is enabled: if some context still spins, that is a deadlock. */
export function finish(x: Execution): void {
  const spinning = x.contexts.filter((c) => !c.done && c.spinningOn !== null);
  if (spinning.length === 0) return;
  const cycle = deadlockCycle(spinning[0]!) ?? [];
  x.stop({ kind: 'deadlock', cycle, spinning });
}
