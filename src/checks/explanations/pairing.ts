/** Explanations of the checks on pairing acquires with releases: once each, by the acquirer, on every path, in reverse order. */
import type { Explanation } from './explanation.js';
import { COUNT_UNDER_LOCK, dispatchRead, dispatchWrite, NESTED_IN_REVERSE, READ_UNDER_LOCK } from './shared-examples.js';

export const recursiveAcquire: Explanation = {
  check: 'recursive-acquire',
  rule: 'A CPU must never acquire a spin lock it already holds — not in the same routine, not in a helper it calls, not in an ISR or DPC that interrupted it.',
  why: 'Spin locks are not re-entrant: the second acquire spins waiting for the first to be released, and the first is released by the same CPU, which is now spinning. The CPU hangs (Verifier 0xC4/0x1000, bug check 0xF SPIN_LOCK_ALREADY_OWNED).',
  wrong: {
    scenario: 'writers',
    code: `async function addOne(ext: Extension): Promise<void> {
  const oldIrql = await KeAcquireSpinLock(ext.Lock);
  ext.Count = ext.Count + 1;
  await KeReleaseSpinLock(ext.Lock, oldIrql);
}

${dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
await addOne(ext); // takes ext.Lock again, on the CPU that holds it
await KeReleaseSpinLock(ext.Lock, oldIrql);
return complete(irp);`)}`,
  },
  right: {
    scenario: 'writers',
    code: `/** The caller holds ext.Lock. */
function addOne(ext: Extension): void {
  ext.Count = ext.Count + 1;
}

${dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
addOne(ext);
await KeReleaseSpinLock(ext.Lock, oldIrql);
return complete(irp);`)}`,
  },
};

export const releaseNotHeld: Explanation = {
  check: 'release-not-held',
  rule: 'Release a spin lock only when you hold it: exactly one release per acquire, on the path that acquired it.',
  why: 'A second release frees the lock while someone else may hold it, and lowers IRQL to a stale value: two CPUs end up inside the critical section (Verifier 0xC4/0x1007, and 0x32 when the release is not at DISPATCH_LEVEL).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock, oldIrql);
await KeReleaseSpinLock(ext.Lock, oldIrql); // released twice
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};

export const heldAtReturn: Explanation = {
  check: 'held-at-return',
  rule: 'No dispatch routine, DPC, ISR or helper that acquired a spin lock may return still holding it: release it on every path out — early returns and error paths too.',
  why: 'A lock that stays held is never released by anyone: the next acquirer, on any CPU, spins forever, and the CPU that returned is left at DISPATCH_LEVEL (SDV SpinLock, SpinLockDpc, QueuedSpinLockRelease).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const status = await complete(irp);
const oldIrql = await KeAcquireSpinLock(ext.Lock);
if (ext.Count % 2 === 1) {
  ext.Count = ext.Count + 1;
  return status; // leaves with ext.Lock held
}
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock, oldIrql);
return status;`),
  },
  right: {
    scenario: 'writers',
    code: dispatchWrite(`const status = await complete(irp);
const oldIrql = await KeAcquireSpinLock(ext.Lock);
if (ext.Count % 2 === 1) {
  ext.Count = ext.Count + 1;
  await KeReleaseSpinLock(ext.Lock, oldIrql); // released on this path too
  return status;
}
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock, oldIrql);
return status;`),
  },
};

export const wrongReleaser: Explanation = {
  check: 'wrong-releaser',
  rule: 'A spin lock is released by the code that acquired it, before that code returns — never by another routine, thread or CPU.',
  why: 'Releasing a lock someone else holds lets a third CPU in while the holder is still inside, and the holder\'s own release then frees a lock it no longer owns (Verifier 0xC4/0x1004).',
  wrong: {
    scenario: 'readers-writers',
    code: dispatchRead(`await KeReleaseSpinLock(ext.Lock, PASSIVE_LEVEL); // "make sure it is free": DispatchWrite holds it
return complete(irp);`),
  },
  right: READ_UNDER_LOCK,
};

export const releaseOrder: Explanation = {
  check: 'release-order',
  rule: 'Release nested spin locks in the reverse order of acquisition: the lock taken last is released first.',
  why: 'Each KeReleaseSpinLock restores the IRQL its own acquire saved: out of order, the outer release drops the CPU to PASSIVE_LEVEL while the inner lock is still held, and a thread switch can then leave it held (Verifier 0xC4/0x1003).',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const oldIrql = await KeAcquireSpinLock(ext.Lock);
const innerIrql = await KeAcquireSpinLock(ext.Lock2);
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock, oldIrql); // the outer lock first
await KeReleaseSpinLock(ext.Lock2, innerIrql);
return complete(irp);`),
  },
  right: NESTED_IN_REVERSE,
};

export const queueHandle: Explanation = {
  check: 'queue-handle',
  rule: 'A KLOCK_QUEUE_HANDLE belongs to one acquisition: declare it as a local of the acquiring routine, pass the same handle to the release, and never share it between calls or CPUs.',
  why: 'The handle is the CPU\'s place in the lock\'s queue: a second acquisition through the same handle overwrites the first one\'s entry, so a release hands the lock to the wrong waiter or to nobody.',
  wrong: {
    scenario: 'writers',
    code: `const handle = new KLOCK_QUEUE_HANDLE(); // one handle for every call, on every CPU

${dispatchWrite(`await KeAcquireInStackQueuedSpinLock(ext.Lock, handle);
ext.Count = ext.Count + 1;
await KeReleaseInStackQueuedSpinLock(handle);
return complete(irp);`)}`,
  },
  right: {
    scenario: 'writers',
    code: dispatchWrite(`const handle = new KLOCK_QUEUE_HANDLE(); // this acquisition's own
await KeAcquireInStackQueuedSpinLock(ext.Lock, handle);
ext.Count = ext.Count + 1;
await KeReleaseInStackQueuedSpinLock(handle);
return complete(irp);`),
  },
};
