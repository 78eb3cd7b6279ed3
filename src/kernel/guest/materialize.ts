/** Guest objects for host objects the guest has not seen yet (made by the kernel or the scenario). */
import { Kind } from '../protocol.js';
import { KDPC } from '../objects/dpc.js';
import { KEVENT } from '../objects/event.js';
import { KINTERRUPT } from '../objects/interrupt.js';
import { KLOCK_QUEUE_HANDLE, KSPIN_LOCK } from '../objects/spin-lock.js';
import { register } from './runtime.js';
import { trackedProxy } from './tracked.js';

const prototypes: Partial<Record<number, object>> = {
  [Kind.SpinLock]: KSPIN_LOCK.prototype,
  [Kind.QueueHandle]: KLOCK_QUEUE_HANDLE.prototype,
  [Kind.Dpc]: KDPC.prototype,
  [Kind.Event]: KEVENT.prototype,
  [Kind.Interrupt]: KINTERRUPT.prototype,
};

/** Makes and registers the guest object for host object `id` of `kind`. */
export function materialize(id: number, kind: number): unknown {
  if (kind === Kind.Struct) return trackedProxy(id, false, Object.prototype);
  if (kind === Kind.Array) return trackedProxy(id, true, Array.prototype);
  const prototype = prototypes[kind];
  if (prototype === undefined) return undefined;
  const object = Object.freeze(Object.create(prototype) as object);
  register(object, id);
  return object;
}
