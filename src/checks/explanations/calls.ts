/** Explanations of the checks on what a routine calls and how it ends: awaiting, calling under a lock, throwing, finishing. */
import type { Explanation } from './explanation.js';
import { COUNT_UNDER_LOCK, dispatchWrite } from './shared-examples.js';

export const unsafeUnderLock: Explanation = {
  check: 'unsafe-under-lock',
  rule: 'Hold a spin lock briefly and call nothing that may block, touch paged memory or call back into other drivers while holding it — IoCompleteRequest included: release first, then complete.',
  why: 'IoCompleteRequest runs other drivers\' completion routines, which may take locks of their own or your lock again; at DISPATCH_LEVEL a blocking wait never returns (SDV SpinLockSafe, IrqlExAllocatePool).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Count = ext.Count + 1;
irp.IoStatus.Status = STATUS_SUCCESS;
await IoCompleteRequest(irp, IO_NO_INCREMENT); // while holding ext.Lock
await KeReleaseSpinLock(ext.Lock, oldIrql);
return STATUS_SUCCESS;`),
  },
  right: COUNT_UNDER_LOCK,
};

export const missingAwait: Explanation = {
  check: 'missing-await',
  rule: 'Every Ke*, Ex* and Io* routine of spinlab/kernel returns a promise: `await` each call before doing anything that depends on it, and before the routine returns.',
  why: 'Without await, the call has not happened yet when the next line runs: a release lands after the routine returned, a lock is "taken" after the code it protects — the simulated machine runs it later, as a real one never would.',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Count = ext.Count + 1;
void KeReleaseSpinLock(ext.Lock, oldIrql); // not awaited
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};

export const routineThrew: Explanation = {
  check: 'routine-threw',
  rule: 'No exception may leave a driver routine: handle every case where the code could throw (a missing entry, a bad request) and fail the request with a status instead.',
  why: 'In kernel mode an unhandled exception is a bug check: the machine stops, whatever locks were held stay held.',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Count = ext.Count + 1;
if (ext.Count > 0) throw new Error('queue corrupted'); // leaves the routine with ext.Lock held
await KeReleaseSpinLock(ext.Lock, oldIrql);
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};

export const stepLimit: Explanation = {
  check: 'step-limit',
  rule: 'Every routine finishes: no loop that waits for another CPU without a lock, and no await on anything but a spinlab kernel routine.',
  why: 'A routine that never returns holds its CPU (and any lock it has) forever; spinning on shared memory yourself instead of taking the lock livelocks. spinlab stops the schedule at its step budget and reports where it was.',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock, oldIrql);
for (;;) await KeStallExecutionProcessor(1); // waits for nothing, forever
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};
