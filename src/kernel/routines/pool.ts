import { Op } from '../protocol.js';
import { numberArg, trackedArg } from '../guest/args.js';
import { bridge, checked, describeType, kcall } from '../guest/runtime.js';
import { storeValue } from '../guest/tracked.js';

/**
 * Allocates pool memory holding a copy of `Template` (spinlab's stand-in for
 * a size: `ExAllocatePool2(POOL_FLAG_NON_PAGED, { Entry: new LIST_ENTRY(), Value: 0 }, 'wkit')`).
 * Returns the tracked allocation, or null if the pool is exhausted.
 *
 * **Nonpaged pool: any IRQL ≤ DISPATCH_LEVEL. Paged pool: IRQL <
 * DISPATCH_LEVEL and never while holding a spin lock** (SDV
 * IrqlExAllocatePool). Free it with {@link ExFreePool}.
 */
export async function ExAllocatePool2<T extends object>(Flags: number, Template: T, Tag: number | string): Promise<T | null> {
  const routine = 'ExAllocatePool2';
  if (typeof Template !== 'object' || Template === null) {
    throw new TypeError(`${routine}: Template must be an object to copy into the allocation, got ${describeType(Template)}.`);
  }
  const allocation = await kcall<T | null>(Op.ExAllocatePool2, numberArg(Flags, routine, 'Flags'), String(Tag), Array.isArray(Template));
  if (allocation === null) return null;
  const host = bridge();
  const id = trackedArg(allocation, routine, 'allocation', 'allocation');
  for (const key of Object.keys(Template)) {
    const [value, isRef] = storeValue((Template as Record<string, unknown>)[key], key);
    checked(host.write(id, key, value as never, isRef));
  }
  return allocation;
}

/** Frees pool memory from {@link ExAllocatePool2}. **IRQL ≤ DISPATCH_LEVEL.** Do not touch it afterwards. */
export function ExFreePool(P: object): Promise<void> {
  return kcall(Op.ExFreePool, trackedArg(P, 'ExFreePool', 'P', 'pool allocation'));
}
