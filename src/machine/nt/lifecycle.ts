/** What the kernel does when a schedule runs out of actions (when a routine returns it undoes nothing: see routine-frames.ts). */
import type { Execution } from '../execution.js';
import { deadlockCycle } from './lock-core.js';

/** No action is enabled: if some context still spins, that is a deadlock. */
export function finish(x: Execution): void {
  const spinning = x.contexts.filter((c) => !c.done && c.spinningOn !== null);
  if (spinning.length === 0) return;
  const cycle = deadlockCycle(spinning[0]!) ?? [];
  x.stop({ kind: 'deadlock', cycle, spinning });
}
