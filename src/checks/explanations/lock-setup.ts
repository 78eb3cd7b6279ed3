/** Explanations of the checks on setting a spin lock up: initialize once, before any use. */
import type { Explanation } from './explanation.js';
import { COUNT_UNDER_LOCK, dispatchWrite } from './shared-examples.js';

export const uninitializedLock: Explanation = {
  check: 'uninitialized-lock',
  rule: 'Every spin lock is initialized with KeInitializeSpinLock before any routine can acquire it — in AddDevice or DriverEntry, and before IoConnectInterrupt for an interrupt spin lock.',
  why: 'An uninitialized KSPIN_LOCK is whatever bytes the memory held: the first acquire may spin forever on a lock nobody holds, or two CPUs may both get it. Driver Verifier stops the machine on the first use.',
  wrong: {
    scenario: 'writers',
    code: `export async function AddDevice(_driver: DRIVER_OBJECT, device: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = device.DeviceExtension as Extension;
  ext.Lock = new KSPIN_LOCK();
  ext.Count = 0;
  return STATUS_SUCCESS; // ext.Lock is never initialized
}`,
  },
  right: {
    scenario: 'writers',
    code: `export async function AddDevice(_driver: DRIVER_OBJECT, device: DEVICE_OBJECT): Promise<NTSTATUS> {
  const ext = device.DeviceExtension as Extension;
  ext.Lock = new KSPIN_LOCK();
  ext.Count = 0;
  await KeInitializeSpinLock(ext.Lock);
  return STATUS_SUCCESS;
}`,
  },
};

export const reinitializedLock: Explanation = {
  check: 'reinitialized-lock',
  rule: 'Initialize each spin lock exactly once. Never call KeInitializeSpinLock again on a lock that is in use, and never "lazily" in a routine that runs for every request.',
  why: 'Re-initializing marks the lock free: if another CPU holds it at that moment, a second CPU walks straight in, and the holder\'s release later frees a lock it no longer owns (Verifier 0xC4/0x1005).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`await KeInitializeSpinLock(ext.Lock); // "just to be safe": every request resets the lock
const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock, oldIrql);
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};
