/** Explanations of the checks on what CPUs do to each other: races, deadlocks, lock order, and the final state. */
import type { Explanation } from './explanation.js';
import { COUNT_UNDER_LOCK, dispatchRead, dispatchWrite, READ_UNDER_LOCK } from './shared-examples.js';

/** DispatchWrite of the lock-order examples: ext.Lock, then ext.Lock2. */
const LOCK_THEN_LOCK2 = dispatchWrite(`const first = await KeAcquireSpinLock(ext.Lock);
const second = await KeAcquireSpinLock(ext.Lock2);
ext.Count = ext.Count + 1;
await KeReleaseSpinLock(ext.Lock2, second);
await KeReleaseSpinLock(ext.Lock, first);
return complete(irp);`);

/** DispatchRead taking ext.Lock2 then ext.Lock: the opposite order. */
const LOCK2_THEN_LOCK = dispatchRead(`const first = await KeAcquireSpinLock(ext.Lock2); // the opposite order
const second = await KeAcquireSpinLock(ext.Lock);
ext.Seen = ext.Count;
await KeReleaseSpinLock(ext.Lock, second);
await KeReleaseSpinLock(ext.Lock2, first);
return complete(irp);`);

/** DispatchRead taking ext.Lock then ext.Lock2: the same order as DispatchWrite. */
const SAME_ORDER = dispatchRead(`const first = await KeAcquireSpinLock(ext.Lock); // the same order as DispatchWrite
const second = await KeAcquireSpinLock(ext.Lock2);
ext.Seen = ext.Count;
await KeReleaseSpinLock(ext.Lock2, second);
await KeReleaseSpinLock(ext.Lock, first);
return complete(irp);`);

export const deadlock: Explanation = {
  check: 'deadlock',
  rule: 'No schedule may leave CPUs spinning on each other in a cycle: each waits for a lock the next one holds.',
  why: 'A deadlocked CPU spins at DISPATCH_LEVEL forever: on a real machine the system hangs, and Verifier\'s !deadlock shows each CPU, what it holds and what it waits for — the same chain spinlab prints.',
  wrong: { scenario: 'readers-writers', code: `${LOCK_THEN_LOCK2}\n\n${LOCK2_THEN_LOCK}` },
  right: { scenario: 'readers-writers', code: `${LOCK_THEN_LOCK2}\n\n${SAME_ORDER}` },
};

export const lockOrder: Explanation = {
  check: 'lock-order',
  rule: 'Take nested locks in one global order everywhere: if any routine takes ext.Lock then ext.Lock2, no routine may take ext.Lock2 then ext.Lock — even if no schedule has deadlocked yet.',
  why: 'Two CPUs that take the same two locks in opposite orders deadlock as soon as each gets its first lock at the same moment; testing may never hit that moment, a customer\'s machine will (Verifier 0xC4/0x1001 lock hierarchy violation).',
  wrong: { scenario: 'write-then-read', code: `${LOCK_THEN_LOCK2}\n\n${LOCK2_THEN_LOCK}` },
  right: { scenario: 'write-then-read', code: `${LOCK_THEN_LOCK2}\n\n${SAME_ORDER}` },
};

export const dataRace: Explanation = {
  check: 'data-race',
  rule: 'Every access to a field that routines share — reads too — happens under the same spin lock (or, for data shared with an ISR, inside KeSynchronizeExecution), unless something else orders the two accesses.',
  why: 'Two CPUs touching one field with nothing ordering them see each other\'s half-done work: a read gets a stale or torn value, an increment is lost. It shows up once in thousands of runs, never in your tests (happens-before race detection: FastTrack; Eraser locksets).',
  wrong: {
    scenario: 'readers-writers',
    code: dispatchRead(`ext.Seen = ext.Count; // DispatchWrite writes Count holding ext.Lock; this read holds nothing
return complete(irp);`),
  },
  right: READ_UNDER_LOCK,
};

export const invariant: Explanation = {
  check: 'invariant',
  rule: 'When every request has been served, the device\'s state must be what the requests add up to: each exercise\'s scenario states it (here: Count equals the number of writes sent).',
  why: 'A wrong final state is what the user of a driver sees — a lost count, a lost or duplicated entry, an IRP never completed. It is usually the consequence of another finding (a race, a lost lock): fix that one first.',
  wrong: {
    scenario: 'writers',
    code: dispatchWrite(`const count = ext.Count; // read, then another CPU writes, then this write loses its update
await KeStallExecutionProcessor(1);
ext.Count = count + 1;
return complete(irp);`),
  },
  right: COUNT_UNDER_LOCK,
};
