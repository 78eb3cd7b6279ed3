/**
 * The driver's state after a schedule, as plain data for invariants:
 * device extensions, the driver extension, every IRP and what became of it.
 */
import { Kind } from '../kernel/protocol.js';
import type { Cell, HostObject, IoManager, IrpResult, Memory } from '../machine/index.js';

/** A snapshot value: plain data; links between list entries become `{ $link: path }`. */
export type Snapshot = null | undefined | boolean | number | string | bigint | Snapshot[] | { [key: string]: Snapshot };

const LINKS = new Set(['Flink', 'Blink', 'Next']);
const KERNEL_KINDS: Partial<Record<number, string>> = {
  [Kind.SpinLock]: 'KSPIN_LOCK',
  [Kind.QueueHandle]: 'KLOCK_QUEUE_HANDLE',
  [Kind.Dpc]: 'KDPC',
  [Kind.Event]: 'KEVENT',
  [Kind.Interrupt]: 'KINTERRUPT',
  [Kind.Function]: 'function',
  [Kind.Opaque]: 'value',
};

/** The final state of one schedule. */
export class FinalState {
  /** Each snapshot object, and the tracked object it was made from. */
  private readonly origins = new WeakMap<object, HostObject>();
  /** The cells read while {@link watch} runs. */
  private reads: Cell[] | null = null;

  constructor(
    private readonly memory: Memory,
    private readonly io: IoManager,
    /**
     * How many kernel calls were made to fail in this schedule (a fault run
     * fails one ExAllocatePool2 or IoConnectInterrupt: see src/machine/faults.ts);
     * 0 in every other schedule. An invariant may accept a request the driver
     * correctly failed (STATUS_INSUFFICIENT_RESOURCES) only when this is above 0.
     */
    readonly injected = 0,
  ) {}

  /** Runs `judge` (an invariant) and returns what it gave with the tracked fields it read. */
  watch<T>(judge: () => T): { readonly value: T; readonly cells: readonly Cell[] } {
    const cells: Cell[] = [];
    this.reads = cells;
    try {
      return { value: judge(), cells };
    } finally {
      this.reads = null;
    }
  }

  /** Device `index`'s extension (default the first device). */
  extension(index = 0): Record<string, Snapshot> {
    const device = this.io.devices[index];
    const ext = device === undefined ? undefined : this.io.child(device, 'DeviceExtension');
    return ext === undefined ? {} : (this.watched(this.snapshot(ext)) as Record<string, Snapshot>);
  }

  /** The first device's extension. */
  get ext(): Record<string, Snapshot> {
    return this.extension(0);
  }

  /** The driver extension (driver-wide state). */
  get driverExtension(): Record<string, Snapshot> {
    const ext = this.io.child(this.io.driver, 'DriverExtension');
    return ext === undefined ? {} : (this.watched(this.snapshot(ext)) as Record<string, Snapshot>);
  }

  /** Every IRP sent, in order, and what became of it. */
  get irps(): IrpResult[] {
    return this.io.results();
  }

  /**
   * The IRPs the scenario thread named `thread` sent, in the order it sent
   * them: its n-th is the n-th request the workload gave that thread, so an
   * invariant can judge each IRP against what it carried.
   */
  sentBy(thread: string): IrpResult[] {
    return this.io.results().filter((irp) => irp.thread === thread);
  }

  /**
   * The records on a LIST_ENTRY list, head to tail: `list('ext.Queue', 'Entry')`
   * gives each record that embeds an entry at `Entry`. Stops after 10 000
   * entries or at a broken link.
   */
  list(headPath: string, field: string): Snapshot[] {
    const head = this.find(headPath);
    const records: Snapshot[] = [];
    if (head === undefined) return records;
    let entry = this.link(head, 'Flink');
    const keys = field.split('.').reverse();
    while (entry !== undefined && entry !== head && records.length < 10_000) {
      let record: HostObject | undefined = entry;
      for (const key of keys) record = record?.parentKey === key ? (record.parent ?? undefined) : undefined;
      records.push(record === undefined ? null : this.watched(this.snapshot(record)));
      entry = this.link(entry, 'Flink');
    }
    return records;
  }

  /** The tracked object at `path` (`ext.Queue`), if any. */
  private find(path: string): HostObject | undefined {
    for (let id = 1; id <= this.memory.count; id++) {
      const object = this.memory.get(id);
      if (object?.path === path) return object;
    }
    return undefined;
  }

  private link(object: HostObject, key: string): HostObject | undefined {
    const cell = object.fields.get(key);
    return cell?.isRef === true && cell.present ? this.memory.get(cell.value) : undefined;
  }

  private snapshot(object: HostObject, seen = new Set<HostObject>()): Snapshot {
    const kernel = KERNEL_KINDS[object.kind];
    if (kernel !== undefined) return { $kind: kernel, path: object.path };
    if (seen.has(object)) return { $link: object.path };
    seen.add(object);
    const fields: Record<string, Snapshot> = {};
    for (const [key, cell] of this.memory.allFields(object)) {
      if (!cell.present) continue;
      if (!cell.isRef) {
        fields[key] = cell.value;
        continue;
      }
      const child = this.memory.get(cell.value);
      if (child === undefined) fields[key] = null;
      else if (LINKS.has(key)) fields[key] = { $link: child.path };
      else fields[key] = this.snapshot(child, seen);
    }
    if (object.kind !== Kind.Array) {
      this.origins.set(fields, object);
      return fields;
    }
    const length = Number(fields.length ?? 0);
    const array: Snapshot[] = [];
    for (let i = 0; i < length; i++) array.push(fields[String(i)]);
    this.origins.set(array, object);
    return array;
  }

  /** `value` as invariants see it: plain data whose field reads are noted while {@link watch} runs. */
  private watched(value: Snapshot): Snapshot {
    if (typeof value !== 'object' || value === null || !this.origins.has(value)) return value;
    const state = this;
    return new Proxy(value, {
      get(target, key, receiver) {
        const field = Reflect.get(target, key, receiver) as Snapshot;
        const reads = state.reads;
        if (reads !== null && typeof key === 'string') {
          const cell = state.origins.get(target)?.fields.get(key);
          if (cell !== undefined) reads.push(cell);
        }
        return state.watched(field);
      },
    }) as Snapshot;
  }
}
