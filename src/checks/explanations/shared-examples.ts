/** What the examples share: the frame of a dispatch routine, and the right example several checks have in common. */
import type { Example } from './explanation.js';

/** `body` (its lines unindented) as a dispatch routine `name` with `ext`, the device extension, in hand. */
function dispatchRoutine(name: string, body: string): string {
  const lines = body.split('\n').map((line) => (line === '' ? line : `  ${line}`));
  return [`export async function ${name}(device: DEVICE_OBJECT, irp: IRP): Promise<NTSTATUS> {`, '  const ext = device.DeviceExtension as Extension;', ...lines, '}'].join('\n');
}

/** `body` as DispatchWrite. */
export function dispatchWrite(body: string): string {
  return dispatchRoutine('DispatchWrite', body);
}

/** `body` as DispatchRead. */
export function dispatchRead(body: string): string {
  return dispatchRoutine('DispatchRead', body);
}

/** The right example several checks share: a dispatch routine that counts under the lock, acquire and release paired on every path. */
export const COUNT_UNDER_LOCK: Example = {
  scenario: 'writers',
  code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock); // initialized once, in AddDevice
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock, oldIrql); // the same lock, the IRQL the acquire returned
return complete(irp); // completed after the release`),
};

/** DispatchRead reading under the lock DispatchWrite writes under. */
export const READ_UNDER_LOCK: Example = {
  scenario: 'readers-writers',
  code: dispatchRead(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Seen = ext.Count;
await KeReleaseSpinLock(ext.Lock, oldIrql);
return complete(irp);`),
};

/** Two nested locks, each release given its own acquire's IRQL, the inner lock released first. */
export const NESTED_IN_REVERSE: Example = {
  scenario: 'writers',
  code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
const innerIrql = await KeAcquireSpinLock(ext.Lock2);
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock2, innerIrql); // the inner lock first, with its own IRQL
await KeReleaseSpinLock(ext.Lock, oldIrql);
return complete(irp);`),
};
