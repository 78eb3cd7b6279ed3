/**
 * `spinlab/kernel`: the simulated NT kernel API that student drivers import.
 *
 * Every Ke*, Ex* and Io* routine is async and a scheduling point: `await` it.
 * The plain list helpers and the macros (IoMarkIrpPending,
 * KeGetCurrentIrql…) are synchronous. Each routine's documentation says the
 * IRQL it must be called at and what it pairs with.
 */
export type {} from './console.js';
export * from './irql.js';
export * from './ntstatus.js';
export * from './codes.js';
export { KSPIN_LOCK, KLOCK_QUEUE_HANDLE } from './objects/spin-lock.js';
export { KDPC } from './objects/dpc.js';
export { KEVENT } from './objects/event.js';
export { KINTERRUPT } from './objects/interrupt.js';
export { LIST_ENTRY, SINGLE_LIST_ENTRY } from './objects/list-entry.js';
export type * from './objects/driver.js';
export * from './routines/spin-lock.js';
export * from './routines/queued-spin-lock.js';
export * from './routines/irql.js';
export * from './routines/interlocked.js';
export * from './routines/list.js';
export * from './routines/dpc.js';
export * from './routines/interrupt.js';
export * from './routines/irp.js';
export * from './routines/pool.js';
export * from './routines/event.js';
