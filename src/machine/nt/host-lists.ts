/**
 * List operations done by the kernel itself (inside the ExInterlocked
 * routines) on tracked memory. Their reads and writes are recorded as the
 * calling context's, made while it holds the routine's spin lock.
 */
import type { Prim } from '../../kernel/protocol.js';
import type { Context } from '../context.js';
import type { Execution } from '../execution.js';
import type { Cell, HostObject } from '../memory.js';

/** Reads and writes tracked memory on behalf of a context, during its kernel call `seq`. */
export class KernelAccess {
  constructor(
    private readonly x: Execution,
    private readonly ctx: Context,
    /** The call's sequence number: its accesses are sited at the call. */
    private readonly seq: number,
  ) {}

  /** The object `field` of `object` points to, or null. */
  link(object: HostObject, field: string): HostObject | null {
    const cell = this.x.memory.cell(object, field);
    this.record(cell, false);
    return cell.isRef ? (this.x.memory.get(cell.value) ?? null) : null;
  }

  /** Points `field` of `object` at `target` (or null). */
  setLink(object: HostObject, field: string, target: HostObject | null): void {
    this.set(object, field, target === null ? null : target.id, target !== null);
  }

  /** Reads a number field. */
  number(object: HostObject, field: string): number {
    const cell = this.x.memory.cell(object, field);
    this.record(cell, false);
    return Number(cell.value ?? 0);
  }

  /** Writes a field. */
  set(object: HostObject, field: string, value: Prim, isRef = false): void {
    const cell = this.x.memory.cell(object, field);
    this.record(cell, true);
    this.x.memory.store(cell, value, isRef);
  }

  private record(cell: Cell, write: boolean): void {
    this.x.recordAccess(this.ctx, cell, write, this.seq);
  }
}

/** Inserts `entry` after `head` (at the head) or before it (at the tail); returns the old neighbour or null. */
export function insertList(k: KernelAccess, head: HostObject, entry: HostObject, atTail: boolean): HostObject | null {
  const first = k.link(head, 'Flink');
  const last = k.link(head, 'Blink');
  const empty = first === null || first === head;
  if (atTail) {
    const previous = last ?? head;
    k.setLink(entry, 'Flink', head);
    k.setLink(entry, 'Blink', previous);
    k.setLink(previous, 'Flink', entry);
    k.setLink(head, 'Blink', entry);
    return empty ? null : previous;
  }
  const next = first ?? head;
  k.setLink(entry, 'Flink', next);
  k.setLink(entry, 'Blink', head);
  k.setLink(next, 'Blink', entry);
  k.setLink(head, 'Flink', entry);
  return empty ? null : next;
}

/** Removes and returns the first entry of the list, or null if it is empty. */
export function removeHeadList(k: KernelAccess, head: HostObject): HostObject | null {
  const first = k.link(head, 'Flink');
  if (first === null || first === head) return null;
  const next = k.link(first, 'Flink') ?? head;
  k.setLink(head, 'Flink', next);
  k.setLink(next, 'Blink', head);
  return first;
}

/** Pushes `entry` on a singly linked list; returns the old first entry or null. */
export function pushEntryList(k: KernelAccess, head: HostObject, entry: HostObject): HostObject | null {
  const first = k.link(head, 'Next');
  k.setLink(entry, 'Next', first);
  k.setLink(head, 'Next', entry);
  return first;
}

/** Pops the first entry of a singly linked list, or returns null. */
export function popEntryList(k: KernelAccess, head: HostObject): HostObject | null {
  const first = k.link(head, 'Next');
  if (first === null) return null;
  k.setLink(head, 'Next', k.link(first, 'Next'));
  return first;
}
