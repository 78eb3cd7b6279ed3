/**
 * The host side of the bridge: turns the guest's primitive calls into
 * machine operations. Never throws into the guest — a failure inside spinlab
 * abandons the schedule as an internal error instead.
 */
import { Kind, Note, Refusal, type BridgeMarkers, type HostBridge, type Prim } from '../kernel/protocol.js';
import type { Execution } from './execution.js';
import { isIndex, unprotectedAccess, type Cell, type HostObject } from './memory.js';
import { bugCheck } from './nt/bug-checks.js';
import { initKernelState } from './nt/states.js';
import { irpOf, deviceOf } from './nt/states.js';

/** Memory accesses a context may make between two scheduling points before it counts as a runaway loop. */
export const ACCESS_BUDGET = 200_000;

/** Output a driver may print per schedule (bytes); the rest is dropped. */
export const PRINT_BUDGET = 16_384;

/** Makes the marker symbols for one realm. */
export function createMarkers(): BridgeMarkers {
  return { ref: Symbol('spinlab.ref'), absent: Symbol('spinlab.absent'), stopped: Symbol('spinlab.stopped') };
}

/** The host bridge for one execution. */
export function createHostBridge(x: Execution, markers: BridgeMarkers, print: (text: string) => void): HostBridge {
  let lastRef = 0;
  let accesses = 0;
  let lastStep = -1;
  let printed = 0;

  /** Records an access by the executing context; false if the schedule has stopped. */
  function record(cell: Cell, write: boolean): boolean {
    if (x.over) return false;
    const object = cell.object;
    const ctx = x.executing;
    if (ctx === null || ctx.done) return true;
    if (x.steps !== lastStep) {
      lastStep = x.steps;
      accesses = 0;
    }
    if (++accesses > ACCESS_BUDGET) {
      x.stop({ kind: 'step-limit', ctx, steps: x.steps, detail: `${ACCESS_BUDGET} memory accesses without calling the kernel` });
      return false;
    }
    if (object.freed) {
      const freed = object.freedBy;
      const message = `${ctx.routine} touched ${object.path} after ExFreePool${freed === null ? '' : ` (${freed.routine} freed it)`}`;
      const related = freed === null ? undefined : { label: `${object.path} freed here by ${freed.routine}`, ...freed };
      bugCheck(x, ctx, '0xD5', 'DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL', message, 'routine-threw', related);
      return false;
    }
    const seq = x.nextSeq();
    const frame = ctx.frame;
    if (frame !== null) frame.lastEventSeq = seq;
    if (ctx.pending.length > 0) x.notePendingAccess(ctx, seq);
    x.recordAccess(ctx, cell, write, seq);
    if (x.accessPoints && unprotectedAccess(cell, ctx.id, ctx.heldNames) && ctx.exposed === null && object.readOnly?.has(cell.key) !== true && !inRequest(x, object)) ctx.exposed = cell;
    return true;
  }

  function guard<T>(fallback: T, body: () => T): T {
    try {
      return body();
    } catch (error) {
      x.internalError(error);
      return fallback;
    }
  }

  /** What a guest's `note` asks (see {@link Note}). */
  function noteOf(kind: number, a: Prim, b: Prim): Prim {
    switch (kind) {
      case Note.KindOf:
        return x.memory.get(a)?.kind ?? 0;
      case Note.CurrentIrql:
        return x.executing?.irql ?? 0;
      case Note.CurrentProcessor:
        return x.executing?.cpu.id ?? 0;
      case Note.PlainListOp: {
        const head = x.memory.get(a);
        const seq = x.nextSeq();
        if (head !== undefined && x.wants('plain-list')) {
          x.emit({ type: 'plain-list', ctx: x.executing, head: head.id, headName: head.path, via: String(b), seq });
        }
        return 0;
      }
      case Note.MarkIrpPending: {
        const irp = irpOf(x, a);
        if (irp !== undefined) irp.pendingMarked = true;
        const object = x.memory.get(a);
        if (object !== undefined) x.memory.store(x.memory.cell(object, 'PendingReturned'), true, false);
        return 0;
      }
      case Note.ReadRegister: {
        // An ISR reads the word of the interrupt it is servicing, even if later ones arrived meanwhile.
        const source = deviceOf(x, a)?.source;
        const ctx = x.executing;
        if (source === null || source === undefined) return 0;
        return ctx !== null && ctx.kind === 'isr' && ctx.deviceData !== null ? ctx.deviceData : source.register;
      }
      case Note.NameShared: {
        const object = x.memory.get(a);
        if (object === undefined || (object.kind !== Kind.Struct && object.kind !== Kind.Array)) return Refusal.BadArgument;
        x.memory.nameShared(object, String(b).slice(0, 200));
        return 0;
      }
      case Note.CallId:
        return x.executing?.frame?.id ?? -1;
      case Note.Clock:
        return x.steps;
      case Note.PointDue: {
        const ctx = x.executing;
        if (ctx === null || ctx.exposed === null) return 0;
        ctx.pointField = x.trace.enabled ? x.memory.fieldPath(ctx.exposed.object, ctx.exposed.key) : '';
        ctx.exposed = null;
        return 1;
      }
      case Note.ContainingRecord:
        return containingRecord(x, a, String(b), (id) => (lastRef = id));
      case Note.Print: {
        const text = String(a);
        if (printed < PRINT_BUDGET) print(text.slice(0, PRINT_BUDGET - printed));
        printed += text.length;
        return 0;
      }
      default:
        return Refusal.BadArgument;
    }
  }

  return {
    // The hot paths (call, read, write) use try/catch directly rather than `guard`, to allocate nothing.
    call(callId, op, a, b, c, d, e, f, g) {
      try {
        return x.calls.make(callId, op, a, b, c, d, e, f, g);
      } catch (error) {
        x.internalError(error);
        return Refusal.Internal;
      }
    },
    read(id, key) {
      try {
        const object = x.memory.get(id);
        if (object === undefined) return markers.absent;
        const cell = x.memory.cell(object, key);
        if (!record(cell, false)) return markers.stopped;
        if (!cell.present) return markers.absent;
        if (cell.isRef) {
          lastRef = cell.value as number;
          return markers.ref;
        }
        return cell.value;
      } catch (error) {
        x.internalError(error);
        return markers.stopped;
      }
    },
    write(id, key, value, isRef) {
      try {
        const object = x.memory.get(id);
        if (object === undefined || (isRef && x.memory.get(value) === undefined)) return Refusal.BadArgument;
        if (object.readOnly !== null && object.readOnly.has(key)) return Refusal.ReadOnly;
        if (object.kind === Kind.Array && key !== 'length' && !isIndex(key)) return Refusal.Untrackable;
        const cell = x.memory.cell(object, key);
        if (!record(cell, true)) return Refusal.Stopped;
        x.memory.store(cell, value, isRef);
        return 0;
      } catch (error) {
        x.internalError(error);
        return Refusal.Internal;
      }
    },
    has(id, key) {
      return guard(false, () => {
        const object = x.memory.get(id);
        return object !== undefined && x.memory.field(object, key)?.present === true;
      });
    },
    remove(id, key) {
      return guard<number>(Refusal.Internal, () => {
        const object = x.memory.get(id);
        if (object === undefined) return Refusal.BadArgument;
        if (object.readOnly?.has(key) === true || (object.isArray && key === 'length')) return Refusal.ReadOnly;
        const cell = x.memory.cell(object, key);
        if (!record(cell, true)) return Refusal.Stopped;
        cell.present = false;
        cell.value = undefined;
        cell.isRef = false;
        return 0;
      });
    },
    keys(id) {
      return guard('[]', () => {
        const object = x.memory.get(id);
        if (object === undefined) return '[]';
        const indexes: string[] = [];
        const names: string[] = [];
        for (const [key, cell] of x.memory.allFields(object)) {
          if (!cell.present || (object.isArray && key === 'length')) continue;
          (isIndex(key) ? indexes : names).push(key);
        }
        indexes.sort((p, q) => Number(p) - Number(q));
        return JSON.stringify([...indexes, ...names]);
      });
    },
    alloc(kind, label) {
      return guard<number>(Refusal.Internal, () => {
        if (x.over) return Refusal.Stopped;
        if (!(kind >= Kind.Struct && kind <= Kind.Opaque) || kind === Kind.Interrupt) return Refusal.BadArgument;
        const object = x.memory.allocate(kind as Kind, String(label).slice(0, 64) || 'object');
        initKernelState(object);
        return object.id;
      });
    },
    refId() {
      return lastRef;
    },
    returned(frame, value, isRef) {
      guard(undefined, () => x.frames.returned(frame, value, isRef));
    },
    threw(frame, description) {
      guard(undefined, () => x.frames.threw(frame, String(description)));
    },
    // Hot too (every scheduling site asks PointDue): try/catch here, not `guard`, to allocate nothing.
    note(kind, a, b) {
      try {
        return noteOf(kind, a, b);
      } catch (error) {
        x.internalError(error);
        return undefined;
      }
    },
  };
}

/**
 * Whether `object` is an IRP or part of one: a request's own fields are not
 * what routines share, so touching them makes no scheduling point.
 */
function inRequest(x: Execution, object: HostObject): boolean {
  for (let o: HostObject | null = object; o !== null; o = o.parent) if (irpOf(x, o.id) !== undefined) return true;
  return false;
}

/** The record that embeds `entryId` at dotted `field`; sets the ref and returns 0, or a refusal. */
function containingRecord(x: Execution, entryId: Prim, field: string, setRef: (id: number) => void): number {
  let object = x.memory.get(entryId);
  const keys = field.split('.').reverse();
  for (const key of keys) {
    if (object === undefined || object.parent === null || object.parentKey !== key) return Refusal.BadArgument;
    object = object.parent;
  }
  if (object === undefined) return Refusal.BadArgument;
  setRef(object.id);
  return 0;
}
