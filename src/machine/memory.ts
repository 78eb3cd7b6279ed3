/**
 * The host's copy of everything the driver can touch: tracked structs and
 * arrays (the device extension, pool allocations, IRPs), and kernel objects
 * (spin locks, DPCs, events, interrupts) with their kernel-side state.
 *
 * Objects are named by the path where they were first stored
 * (`ext.Queue[3]`), so findings can say `ext.Queue[3].Length`.
 */
import { Kind, type Prim } from '../kernel/protocol.js';

/** One field of a tracked object. */
export interface Cell {
  readonly object: HostObject;
  readonly key: string;
  value: Prim;
  /** Whether `value` is the id of another host object. */
  isRef: boolean;
  /** Whether the field exists (a read of a missing field makes an absent cell, so it is tracked too). */
  present: boolean;
  /** Scratch slot owned by the race detector (last accesses); the machine never reads it. */
  shadow: unknown;
  /**
   * Which contexts touched the field (Eraser's states, for scheduling points
   * at shared accesses): the id of the only context so far, or
   * {@link SHARED_FIELD} once a second one did.
   */
  owner: number;
  /** Once shared: the locks held at every access since (Eraser's candidate lockset); empty when no lock protects it. */
  guard: readonly string[];
  /** The routine that last wrote the field (for invariant failures), or null. */
  writer: string | null;
  /** The CPU and event sequence number of that write. */
  writerCpu: number;
  writtenAt: number;
}

/**
 * The parts a kernel-made object embeds (an IRP's IoStatus, Tail…), made the
 * first time one is asked for: most requests' drivers touch a few of them, and
 * a schedule makes many requests.
 */
export interface EmbeddedParts {
  /** If `key` names a part of `object` not made yet, makes it and stores it under `key`; whether it did. */
  makePart(object: HostObject, key: string): boolean;
  /** Makes every part of `object` not made yet. */
  makeAllParts(object: HostObject): void;
}

/** A host object: a tracked struct or array, or a kernel object. */
export class HostObject {
  /** Fields of structs and arrays (arrays keep `length` here too). */
  readonly fields = new Map<string, Cell>();
  /** The object that embeds this one, and under which key (for CONTAINING_RECORD). */
  parent: HostObject | null = null;
  parentKey = '';
  /** Whether the name is still a placeholder (`pool#3`) waiting for a better path. */
  provisional: boolean;
  /** Keys the driver may not write (an IRP's Parameters…). */
  readOnly: ReadonlySet<string> | null = null;
  /** Set by ExFreePool; any later access is a use after free. */
  freed = false;
  /** Where it was freed: the routine, its CPU and the call's sequence number. */
  freedBy: { readonly routine: string; readonly cpu: number; readonly seq: number } | null = null;
  /** Kernel-side state of a kernel object (a LockState, a DpcState…). */
  state: unknown = undefined;
  /** What makes the parts this object embeds, each when first asked for (null: it embeds none that way). */
  parts: EmbeddedParts | null = null;
  /**
   * State outside the device that routine calls share (a module's variables,
   * a closure's, what they hold): spinlab cannot tell which device field it
   * stands in for. Set on the root; see {@link Memory.isShared}.
   */
  sharedState = false;

  constructor(
    readonly id: number,
    readonly kind: Kind,
    /** What the guest called it when allocating (a function's name, `LIST_ENTRY`, `pool`). */
    readonly label: string,
    public path: string,
    provisional: boolean,
  ) {
    this.provisional = provisional;
  }

  get isArray(): boolean {
    return this.kind === Kind.Array;
  }
}

/** Keys that hold links between list entries rather than embed one object in another. */
const LINK_KEYS = new Set(['Flink', 'Blink', 'Next']);

/** A run's memory: every host object by id. */
export class Memory {
  private readonly objects: HostObject[] = [undefined as unknown as HostObject];
  private readonly counters = new Map<string, number>();

  /** Makes a host object. `label` names it until it is stored somewhere with a path. */
  allocate(kind: Kind, label: string, path?: string): HostObject {
    const id = this.objects.length;
    const provisional = path === undefined;
    const object = new HostObject(id, kind, label, path ?? this.placeholder(label), provisional);
    this.objects.push(object);
    if (kind === Kind.Array) object.fields.set('length', newCell(object, 'length', 0, false));
    return object;
  }

  /** The object with `id`, or undefined. */
  get(id: unknown): HostObject | undefined {
    return typeof id === 'number' ? this.objects[id] : undefined;
  }

  /** The number of objects ever allocated (ids are 1…count). */
  get count(): number {
    return this.objects.length - 1;
  }

  /** The cell for `key`, made on first write. */
  cell(object: HostObject, key: string): Cell {
    let cell = this.field(object, key);
    if (cell === undefined) {
      cell = newCell(object, key, undefined, false);
      cell.present = false;
      object.fields.set(key, cell);
    }
    return cell;
  }

  /** The cell for `key` if the field exists or is a part still to be made (which it makes); never makes an absent cell. */
  field(object: HostObject, key: string): Cell | undefined {
    const cell = object.fields.get(key);
    if (cell !== undefined || object.parts === null || !object.parts.makePart(object, key)) return cell;
    return object.fields.get(key);
  }

  /** Makes part `key` of `parent`: a kernel object embedding one of its own (see {@link EmbeddedParts}). */
  embed(parent: HostObject, key: string, kind: Kind, label: string): HostObject {
    const part = this.allocate(kind, label, childPath(parent.path, key));
    const cell = newCell(parent, key, undefined, false);
    parent.fields.set(key, cell);
    this.store(cell, part.id, true);
    return part;
  }

  /** `object`'s fields with every part it embeds made (for what lists them all: `Object.keys`, a final-state snapshot). */
  allFields(object: HostObject): Map<string, Cell> {
    object.parts?.makeAllParts(object);
    return object.fields;
  }

  /**
   * Stores a value into a cell, keeping array lengths right and naming the
   * stored object after its new home the first time it is embedded.
   */
  store(cell: Cell, value: Prim, isRef: boolean): void {
    const object = cell.object;
    cell.value = value;
    cell.isRef = isRef;
    cell.present = true;
    if (object.isArray) this.adjustLength(object, cell.key);
    if (isRef) {
      const child = this.objects[value as number];
      if (child !== undefined && child.parent === null && child !== object && !LINK_KEYS.has(cell.key)) {
        child.parent = object;
        child.parentKey = cell.key;
        if (child.provisional) this.rename(child, childPath(object.path, cell.key), object.provisional);
      }
    }
  }

  /**
   * Drops every object's fields and the object table, once the schedule is
   * over and judged. A finished schedule's objects are garbage, yet V8's
   * young-generation collections kept them (something older still pointed
   * into them: a collection of the young generation cannot tell a dead old
   * object from a live one), so every object a schedule made was copied and
   * promoted, and freed only by a full collection: releasing them here
   * halved what each young collection copies. Only the paths stay, for
   * findings already drafted.
   */
  release(): void {
    for (let id = 1; id < this.objects.length; id++) this.objects[id]!.fields.clear();
    this.objects.length = 1;
  }

  /** Names `object` (state routines share outside the device) `path` for good, with what it embeds. */
  nameShared(object: HostObject, path: string): void {
    object.sharedState = true;
    this.rename(object, path, false);
  }

  /** The full path of field `key` of `object`, for findings. */
  fieldPath(object: HostObject, key: string): string {
    return childPath(object.path, key);
  }

  /** Names `object` after its new home (and its embedded children after it); stays provisional while the home is. */
  private rename(object: HostObject, path: string, provisional: boolean): void {
    object.path = path;
    object.provisional = provisional;
    for (const cell of object.fields.values()) {
      if (!cell.isRef) continue;
      const child = this.objects[cell.value as number];
      if (child !== undefined && child.parent === object && child.provisional) this.rename(child, childPath(path, cell.key), provisional);
    }
  }

  private adjustLength(array: HostObject, key: string): void {
    const lengthCell = array.fields.get('length')!;
    if (key === 'length') {
      const length = Number(lengthCell.value);
      for (const [k, cell] of array.fields) {
        if (k !== 'length' && isIndex(k) && Number(k) >= length) {
          cell.present = false;
          cell.value = undefined;
          cell.isRef = false;
        }
      }
      return;
    }
    if (isIndex(key)) {
      const index = Number(key);
      if (index >= Number(lengthCell.value)) lengthCell.value = index + 1;
    }
  }

  private placeholder(label: string): string {
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    return `${label}#${n}`;
  }
}

function newCell(object: HostObject, key: string, value: Prim, isRef: boolean): Cell {
  return { object, key, value, isRef, present: true, shadow: undefined, owner: NO_OWNER, guard: NO_GUARD, writer: null, writerCpu: -1, writtenAt: -1 };
}

/** {@link Cell.owner} of a field no context touched yet, and of one two contexts touched. */
export const NO_OWNER = -1;
export const SHARED_FIELD = -2;
const NO_GUARD: readonly string[] = Object.freeze([]);

/**
 * Whether an access by context `ctx` holding `held` leaves `cell`
 * unprotected, as Eraser refines a field's lockset (Savage et al., SOSP
 * 1997): a field only one context touched needs no lock; once a second one
 * does, the locks held at every access from then on must have one in
 * common. A field no lock protects is where a routine may be preempted (see
 * src/kernel/guest/scheduling-points.ts).
 */
export function unprotectedAccess(cell: Cell, ctx: number, held: readonly string[]): boolean {
  const owner = cell.owner;
  if (owner === ctx) return false;
  if (owner === NO_OWNER) {
    cell.owner = ctx;
    return false;
  }
  if (owner !== SHARED_FIELD) {
    cell.owner = SHARED_FIELD;
    cell.guard = held;
    return held.length === 0;
  }
  const guard = cell.guard;
  if (guard === held || guard.length === 0) return guard.length === 0;
  let keep = 0;
  for (const name of guard) if (held.includes(name)) keep++;
  if (keep !== guard.length) cell.guard = guard.filter((name) => held.includes(name));
  return keep === 0;
}

/** Whether `object` is, or is embedded in, state outside the device (see {@link HostObject.sharedState}). */
export function isSharedState(object: HostObject): boolean {
  for (let o: HostObject | null = object; o !== null; o = o.parent) if (o.sharedState) return true;
  return false;
}

/** Remembers who wrote `cell` last (an invariant failure names it). */
export function noteWriter(cell: Cell, ctx: { readonly routine: string; readonly cpu: { readonly id: number } }, seq: number): void {
  cell.writer = ctx.routine;
  cell.writerCpu = ctx.cpu.id;
  cell.writtenAt = seq;
}

/** Whether `key` is a canonical array index. */
export function isIndex(key: string): boolean {
  if (key.length === 0 || key.length > 10) return false;
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && String(n) === key;
}

/** `ext` + `Queue` → `ext.Queue`; `ext.Queue` + `3` → `ext.Queue[3]`. */
export function childPath(parent: string, key: string): string {
  if (isIndex(key)) return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}
