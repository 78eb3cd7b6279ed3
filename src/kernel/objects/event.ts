import { Kind } from '../protocol.js';
import { bridge, checked, register } from '../guest/runtime.js';

/**
 * A kernel event. Initialize it with {@link KeInitializeEvent}; signal it with
 * {@link KeSetEvent}; wait on it with {@link KeWaitForSingleObject} — only at
 * IRQL < DISPATCH_LEVEL and never while holding a spin lock.
 */
export class KEVENT {
  declare private readonly __brand: 'KEVENT';
  constructor() {
    register(this, checked(bridge().alloc(Kind.Event, 'KEVENT')));
    Object.freeze(this);
  }
}
