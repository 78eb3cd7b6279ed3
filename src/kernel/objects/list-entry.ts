import { allocateStruct } from '../guest/tracked.js';

/**
 * A doubly linked list link, as in the WDK: a list head, or an entry
 * embedded in a record (`{ Entry: new LIST_ENTRY(), … }`). Lives in tracked
 * memory, so the plain list helpers' reads and writes are checked for races.
 * Initialize a head with {@link InitializeListHead} before use.
 */
export class LIST_ENTRY {
  declare Flink: LIST_ENTRY;
  declare Blink: LIST_ENTRY;
  constructor() {
    return allocateStruct('LIST_ENTRY', LIST_ENTRY.prototype) as LIST_ENTRY;
  }
}

/**
 * A singly linked list link (a list head, or an entry embedded in a record),
 * used by {@link PushEntryList}, {@link PopEntryList} and their ExInterlocked
 * forms. A head starts empty when its `Next` is null.
 */
export class SINGLE_LIST_ENTRY {
  declare Next: SINGLE_LIST_ENTRY | null;
  constructor() {
    const entry = allocateStruct('SINGLE_LIST_ENTRY', SINGLE_LIST_ENTRY.prototype) as SINGLE_LIST_ENTRY;
    entry.Next = null;
    return entry;
  }
}
