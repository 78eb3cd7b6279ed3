import { Kind } from '../protocol.js';
import { bridge, checked, register } from '../guest/runtime.js';

/**
 * Storage for an executive spin lock, provided by the driver — normally a
 * field of the device extension (`ext.Lock = new KSPIN_LOCK()`).
 *
 * The storage is uninitialized until {@link KeInitializeSpinLock} runs on it:
 * every routine that takes the lock requires that first (Verifier 0xC4/0x1002),
 * and it must be initialized only once (0xC4/0x1005).
 */
export class KSPIN_LOCK {
  declare private readonly __brand: 'KSPIN_LOCK';
  constructor() {
    register(this, checked(bridge().alloc(Kind.SpinLock, 'KSPIN_LOCK')));
    Object.freeze(this);
  }
}

/**
 * The per-acquisition handle of an in-stack queued spin lock. It belongs to
 * one acquisition: make it a local of the routine that acquires, pass the
 * same handle to the release, and never share one between acquisitions or
 * contexts.
 */
export class KLOCK_QUEUE_HANDLE {
  declare private readonly __brand: 'KLOCK_QUEUE_HANDLE';
  constructor() {
    register(this, checked(bridge().alloc(Kind.QueueHandle, 'KLOCK_QUEUE_HANDLE')));
    Object.freeze(this);
  }
}
