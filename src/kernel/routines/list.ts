/*
 * The plain list helpers, like the WDK's macros: synchronous, not scheduling
 * points, and not atomic. Their reads and writes of the links are tracked,
 * so a list shared between CPUs must be protected by a spin lock around
 * them — or handled only with the ExInterlocked routines, never both.
 */
import { Note, Refusal } from '../protocol.js';
import { trackedArg } from '../guest/args.js';
import { bridge, objectFor, refusalError } from '../guest/runtime.js';
import type { LIST_ENTRY, SINGLE_LIST_ENTRY } from '../objects/list-entry.js';

function noteList(head: unknown, routine: string): void {
  bridge().note(Note.PlainListOp, trackedArg(head, routine, 'ListHead', 'LIST_ENTRY'), routine);
}

/** Makes `ListHead` an empty list (its Flink and Blink point to itself). */
export function InitializeListHead(ListHead: LIST_ENTRY): void {
  noteList(ListHead, 'InitializeListHead');
  ListHead.Flink = ListHead;
  ListHead.Blink = ListHead;
}

/** Whether the list is empty. */
export function IsListEmpty(ListHead: LIST_ENTRY): boolean {
  noteList(ListHead, 'IsListEmpty');
  return ListHead.Flink === ListHead;
}

/** Inserts `Entry` at the head of the list. */
export function InsertHeadList(ListHead: LIST_ENTRY, Entry: LIST_ENTRY): void {
  noteList(ListHead, 'InsertHeadList');
  const first = ListHead.Flink;
  Entry.Flink = first;
  Entry.Blink = ListHead;
  first.Blink = Entry;
  ListHead.Flink = Entry;
}

/** Inserts `Entry` at the tail of the list. */
export function InsertTailList(ListHead: LIST_ENTRY, Entry: LIST_ENTRY): void {
  noteList(ListHead, 'InsertTailList');
  const last = ListHead.Blink;
  Entry.Flink = ListHead;
  Entry.Blink = last;
  last.Flink = Entry;
  ListHead.Blink = Entry;
}

/** Removes and returns the first entry; on an empty list, returns the head itself (check IsListEmpty first). */
export function RemoveHeadList(ListHead: LIST_ENTRY): LIST_ENTRY {
  noteList(ListHead, 'RemoveHeadList');
  const entry = ListHead.Flink;
  const next = entry.Flink;
  ListHead.Flink = next;
  next.Blink = ListHead;
  return entry;
}

/** Removes and returns the last entry; on an empty list, returns the head itself. */
export function RemoveTailList(ListHead: LIST_ENTRY): LIST_ENTRY {
  noteList(ListHead, 'RemoveTailList');
  const entry = ListHead.Blink;
  const previous = entry.Blink;
  ListHead.Blink = previous;
  previous.Flink = ListHead;
  return entry;
}

/** Unlinks `Entry` from whatever list holds it; returns TRUE if the list is now empty. */
export function RemoveEntryList(Entry: LIST_ENTRY): boolean {
  const next = Entry.Flink;
  const previous = Entry.Blink;
  previous.Flink = next;
  next.Blink = previous;
  return next === previous;
}

/** Pushes `Entry` on a singly linked list. */
export function PushEntryList(ListHead: SINGLE_LIST_ENTRY, Entry: SINGLE_LIST_ENTRY): void {
  noteList(ListHead, 'PushEntryList');
  Entry.Next = ListHead.Next;
  ListHead.Next = Entry;
}

/** Pops the first entry of a singly linked list, or returns null if it is empty. */
export function PopEntryList(ListHead: SINGLE_LIST_ENTRY): SINGLE_LIST_ENTRY | null {
  noteList(ListHead, 'PopEntryList');
  const first = ListHead.Next;
  if (first !== null && first !== undefined) ListHead.Next = first.Next;
  return first ?? null;
}

/**
 * The record that embeds `Address` at `Field`, as the WDK's
 * CONTAINING_RECORD(Address, Type, Field): `CONTAINING_RECORD<WorkItem>(entry, 'Entry')`,
 * or `CONTAINING_RECORD<IRP>(entry, 'Tail.Overlay.ListEntry')` for a queued IRP.
 */
export function CONTAINING_RECORD<T>(Address: LIST_ENTRY | SINGLE_LIST_ENTRY, Field: string): T {
  const id = trackedArg(Address, 'CONTAINING_RECORD', 'Address', 'LIST_ENTRY');
  const code = bridge().note(Note.ContainingRecord, id, String(Field)) as number;
  if (code < 0) {
    throw refusalError(Refusal.BadArgument, `CONTAINING_RECORD: this entry is not embedded in a record at field '${String(Field)}'.`);
  }
  return objectFor(bridge().refId()) as T;
}
