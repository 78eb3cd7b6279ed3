/** What the kernel does when a routine returns and when a schedule runs out of actions. */
import type { Execution } from '../execution.js';
import type { Frame } from '../frame.js';
import { deadlockCycle, releaseLock } from './lock-core.js';

/**
 * After a routine returned (and its findings were reported): release any
 * lock it still holds and put IRQL back where it was on entry, so one bug
 * gives one finding rather than a deadlock later.
 */
export function frameEnded(x: Execution, frame: Frame): void {
  const ctx = frame.ctx;
  for (const acquisition of [...frame.acquisitions].reverse()) {
    if (acquisition.lock.holder === acquisition) releaseLock(x, ctx, acquisition);
  }
  frame.acquisitions.length = 0;
  ctx.irql = frame.entryIrql;
}

/** No action is enabled: if some context still spins, that is a deadlock. */
export function finish(x: Execution): void {
  const spinning = x.contexts.filter((c) => !c.done && c.spinningOn !== null);
  if (spinning.length === 0) return;
  const cycle = deadlockCycle(spinning[0]!) ?? [];
  x.stop({ kind: 'deadlock', cycle, spinning });
}
