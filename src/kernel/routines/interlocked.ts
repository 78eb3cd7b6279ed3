import { Op } from '../protocol.js';
import { numberArg, objectArg, trackedArg } from '../guest/args.js';
import { kcall } from '../guest/runtime.js';
import type { LIST_ENTRY, SINGLE_LIST_ENTRY } from '../objects/list-entry.js';
import { KSPIN_LOCK } from '../objects/spin-lock.js';

/*
 * The ExInterlocked routines each take the caller's spin lock, do one list
 * operation, and release it. **Any IRQL** (an ISR too, if the lock is used
 * only by ISR and SynchCritSection code). The lock must be initialized, and
 * used **only** with ExInterlocked routines: never also with
 * KeAcquireSpinLock, and no plain list helper on the same list.
 */

/**
 * Inserts `ListEntry` at the head of the list; returns the old first entry,
 * or null if the list was empty. **Any IRQL ≤ DIRQL**, an ISR's included,
 * if `Lock` (initialized, nonpaged) is used only by ExInterlocked routines;
 * from an ISR, only if no code below DIRQL uses `Lock` too. Never mix it with
 * the plain list helpers on the same list.
 */
export function ExInterlockedInsertHeadList(ListHead: LIST_ENTRY, ListEntry: LIST_ENTRY, Lock: KSPIN_LOCK): Promise<LIST_ENTRY | null> {
  const routine = 'ExInterlockedInsertHeadList';
  return kcall(
    Op.ExInterlockedInsertHeadList,
    trackedArg(ListHead, routine, 'ListHead', 'LIST_ENTRY'),
    trackedArg(ListEntry, routine, 'ListEntry', 'LIST_ENTRY'),
    objectArg(Lock, KSPIN_LOCK, routine, 'Lock'),
  );
}

/**
 * Inserts `ListEntry` at the tail of the list; returns the old last entry, or
 * null if the list was empty. **Any IRQL ≤ DIRQL**, an ISR's included, if
 * `Lock` (initialized, nonpaged) is used only by ExInterlocked routines; from
 * an ISR, only if no code below DIRQL uses `Lock` too. Never mix it with the
 * plain list helpers on the same list.
 */
export function ExInterlockedInsertTailList(ListHead: LIST_ENTRY, ListEntry: LIST_ENTRY, Lock: KSPIN_LOCK): Promise<LIST_ENTRY | null> {
  const routine = 'ExInterlockedInsertTailList';
  return kcall(
    Op.ExInterlockedInsertTailList,
    trackedArg(ListHead, routine, 'ListHead', 'LIST_ENTRY'),
    trackedArg(ListEntry, routine, 'ListEntry', 'LIST_ENTRY'),
    objectArg(Lock, KSPIN_LOCK, routine, 'Lock'),
  );
}

/**
 * Removes the first entry of the list and returns it, or null if the list is
 * empty. **Any IRQL ≤ DIRQL**, an ISR's included, if `Lock` (initialized,
 * nonpaged) is used only by ExInterlocked routines; from an ISR, only if no
 * code below DIRQL uses `Lock` too. Never mix it with the plain list helpers
 * on the same list.
 */
export function ExInterlockedRemoveHeadList(ListHead: LIST_ENTRY, Lock: KSPIN_LOCK): Promise<LIST_ENTRY | null> {
  const routine = 'ExInterlockedRemoveHeadList';
  return kcall(
    Op.ExInterlockedRemoveHeadList,
    trackedArg(ListHead, routine, 'ListHead', 'LIST_ENTRY'),
    objectArg(Lock, KSPIN_LOCK, routine, 'Lock'),
  );
}

/**
 * Pushes `ListEntry` on a singly linked list; returns the old first entry, or
 * null. **Any IRQL ≤ DIRQL**, an ISR's included, if `Lock` (initialized,
 * nonpaged) is used only by ExInterlocked routines; from an ISR, only if no
 * code below DIRQL uses `Lock` too. Never mix it with PushEntryList and
 * PopEntryList on the same list.
 */
export function ExInterlockedPushEntryList(
  ListHead: SINGLE_LIST_ENTRY,
  ListEntry: SINGLE_LIST_ENTRY,
  Lock: KSPIN_LOCK,
): Promise<SINGLE_LIST_ENTRY | null> {
  const routine = 'ExInterlockedPushEntryList';
  return kcall(
    Op.ExInterlockedPushEntryList,
    trackedArg(ListHead, routine, 'ListHead', 'SINGLE_LIST_ENTRY'),
    trackedArg(ListEntry, routine, 'ListEntry', 'SINGLE_LIST_ENTRY'),
    objectArg(Lock, KSPIN_LOCK, routine, 'Lock'),
  );
}

/**
 * Pops the first entry of a singly linked list, or returns null if it is
 * empty. **Any IRQL ≤ DIRQL**, an ISR's included, if `Lock` (initialized,
 * nonpaged) is used only by ExInterlocked routines; from an ISR, only if no
 * code below DIRQL uses `Lock` too. Never mix it with PushEntryList and
 * PopEntryList on the same list.
 */
export function ExInterlockedPopEntryList(ListHead: SINGLE_LIST_ENTRY, Lock: KSPIN_LOCK): Promise<SINGLE_LIST_ENTRY | null> {
  const routine = 'ExInterlockedPopEntryList';
  return kcall(
    Op.ExInterlockedPopEntryList,
    trackedArg(ListHead, routine, 'ListHead', 'SINGLE_LIST_ENTRY'),
    objectArg(Lock, KSPIN_LOCK, routine, 'Lock'),
  );
}

/**
 * Adds `Increment` to the number in field `Field` of `Addend` (a tracked
 * object: the device extension, say) under `Lock`, and returns the value it
 * had before. spinlab's form of `ExInterlockedAddUlong(&Addend->Field, …)`.
 * **Any IRQL ≤ DIRQL**, an ISR's included, if `Lock` (initialized, nonpaged)
 * is not also used by routines running at DISPATCH_LEVEL.
 */
export function ExInterlockedAddUlong<T extends object>(
  Addend: T,
  Field: keyof T & string,
  Increment: number,
  Lock: KSPIN_LOCK,
): Promise<number> {
  const routine = 'ExInterlockedAddUlong';
  return kcall(
    Op.ExInterlockedAddUlong,
    trackedArg(Addend, routine, 'Addend', 'tracked object'),
    String(Field),
    numberArg(Increment, routine, 'Increment'),
    objectArg(Lock, KSPIN_LOCK, routine, 'Lock'),
  );
}
