import { Kind } from '../protocol.js';
import { bridge, checked, register } from '../guest/runtime.js';

/**
 * A deferred procedure call object. Initialize it once with
 * {@link KeInitializeDpc}; queue it with {@link KeInsertQueueDpc}. Its routine
 * runs at DISPATCH_LEVEL on the CPU it was queued on, as soon as that CPU's
 * IRQL drops below DISPATCH_LEVEL — and, if it is queued again while running,
 * possibly on two CPUs at once.
 */
export class KDPC {
  declare private readonly __brand: 'KDPC';
  constructor() {
    register(this, checked(bridge().alloc(Kind.Dpc, 'KDPC')));
    Object.freeze(this);
  }
}
