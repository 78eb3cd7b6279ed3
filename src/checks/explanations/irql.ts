/** Explanations of the checks on IRQL: which routine at which level, and restoring the level each acquire saved. */
import type { Explanation } from './explanation.js';
import { COUNT_UNDER_LOCK, dispatchWrite, NESTED_IN_REVERSE } from './shared-examples.js';

/** The ISR every `interrupts` example runs with, unless it brings its own: it counts under the interrupt spin lock the kernel holds for it. */
const ISR_UNDER_ITS_LOCK = `export async function Isr(_interrupt: KINTERRUPT, device: DEVICE_OBJECT): Promise<boolean> {
  const ext = device.DeviceExtension as Extension;
  ext.Interrupts = ext.Interrupts + 1; // the kernel holds the interrupt spin lock around the ISR
  await IoRequestDpc(device, null, null);
  return true;
}`;

export const irqlAcquire: Explanation = {
  check: 'irql-acquire',
  rule: 'KeAcquireSpinLock and KeAcquireInStackQueuedSpinLock may be called only at IRQL ≤ DISPATCH_LEVEL. An ISR (or a SynchCritSection routine) runs above it: it shares data through its interrupt spin lock, which the kernel takes for it — other code reaches that data with KeSynchronizeExecution.',
  why: 'If the interrupt arrives on a CPU that holds the executive lock, the ISR spins on it at device IRQL, and the holder can never run again to release it: the CPU deadlocks (Verifier 0xC4/0x42, SDV IrqlKeDispatchLte).',
  wrong: {
    scenario: 'interrupts',
    code: `export async function Isr(_interrupt: KINTERRUPT, device: DEVICE_OBJECT): Promise<boolean> {
  const ext = device.DeviceExtension as Extension;
  const oldIrql = await KeAcquireSpinLock(ext.Lock); // an executive spin lock at DIRQL
  ext.Interrupts = ext.Interrupts + 1;
  await KeReleaseSpinLock(ext.Lock, oldIrql);
  await IoRequestDpc(device, null, null);
  return true;
}`,
  },
  right: { scenario: 'interrupts', code: ISR_UNDER_ITS_LOCK },
};

export const irqlDpcLevel: Explanation = {
  check: 'irql-dpc-level',
  rule: 'KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel (and the queued …AtDpcLevel forms) are only for code already at DISPATCH_LEVEL: a DPC, or code holding another spin lock. A dispatch routine runs at PASSIVE_LEVEL and uses KeAcquireSpinLock.',
  why: 'The AtDpcLevel form does not raise IRQL: the holder can be preempted by the scheduler while holding the lock, and every other CPU spins until it runs again (Verifier 0xC4/0x40, 0x41 — fatal on most platforms).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`await KeAcquireSpinLockAtDpcLevel(ext.Lock); // at PASSIVE_LEVEL
ext.Count = ext.Count + 1;
await KeReleaseSpinLockFromDpcLevel(ext.Lock);
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};

export const irqlRestore: Explanation = {
  check: 'irql-restore',
  rule: 'KeReleaseSpinLock gets back exactly the OldIrql its own KeAcquireSpinLock returned, is called at DISPATCH_LEVEL, and every routine returns at the IRQL it was entered at.',
  why: 'The release lowers IRQL to the value passed: a wrong one leaves the CPU raised (no thread ever runs on it again) or drops it too low while another lock is held (SDV IrqlKeReleaseSpinLock, IrqlReturn; Verifier 0xC4/0x31, 0x32, 0x111).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
const innerIrql = await KeAcquireSpinLock(ext.Lock2);
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock2, oldIrql); // the outer acquire's IRQL: drops to PASSIVE_LEVEL holding ext.Lock
await KeReleaseSpinLock(ext.Lock, innerIrql);
return complete(irp);`),
  },
  right: NESTED_IN_REVERSE,
};

export const apiMismatch: Explanation = {
  check: 'api-mismatch',
  rule: 'Acquire and release a lock with routines of one family: KeAcquireSpinLock with KeReleaseSpinLock, the AtDpcLevel form with the FromDpcLevel form, queued with queued. A lock given to ExInterlocked routines is used only by them; an interrupt spin lock is taken only through KeSynchronizeExecution.',
  why: 'Each family keeps its own state in the lock and handles IRQL its own way: mixed, the lock is released in the wrong shape and IRQL is left raised or lowered wrongly (Verifier 0xC4/0x1008, 0x1009).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Count = ext.Count + 1;
void oldIrql;
await KeReleaseSpinLockFromDpcLevel(ext.Lock); // does not pair with KeAcquireSpinLock: IRQL stays at DISPATCH_LEVEL
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};
