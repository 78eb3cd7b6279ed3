/**
 * The I/O manager: the driver and device objects, IRPs, and sending an IRP
 * to a dispatch routine from a thread (waiting for it if it is pending).
 */
import { IRP_MJ_DEVICE_CONTROL, IRP_MJ_MAXIMUM_FUNCTION, IRP_MJ_READ, IRP_MJ_WRITE } from '../../kernel/codes.js';
import { STATUS_INVALID_DEVICE_REQUEST, STATUS_PENDING } from '../../kernel/ntstatus.js';
import { Kind, type Prim } from '../../kernel/protocol.js';
import type { Context } from '../context.js';
import type { Execution } from '../execution.js';
import type { EmbeddedParts, HostObject } from '../memory.js';
import { DeviceState, DpcState, IrpState } from './states.js';

/** What a scenario sends. */
export interface IrpSpec {
  /** IRP_MJ_xxx. */
  readonly major: number;
  /** The data to write, or the initial buffer. */
  readonly buffer?: readonly number[];
  /** Parameters.Read.Length / Write.Length (default: the buffer's length). */
  readonly length?: number;
  /** Parameters.DeviceIoControl.IoControlCode. */
  readonly ioControlCode?: number;
}

/** What became of an IRP. */
export interface IrpResult {
  /** The IRP's number in this schedule (1, 2, …). */
  readonly number: number;
  readonly major: number;
  /** The thread that sent it. */
  readonly thread: string;
  /** The device it was sent to (0 for the first). */
  readonly device: number;
  /** Parameters.DeviceIoControl.IoControlCode (0 for other requests). */
  readonly ioControlCode: number;
  readonly completed: boolean;
  /** What the dispatch routine returned. */
  readonly returned: Prim;
  readonly status: number;
  readonly information: number;
  /** The buffer after completion. */
  readonly buffer: readonly number[];
}

/** The routine a name refers to: a host function id and its name. */
interface Routine {
  readonly id: number;
  readonly name: string;
}

/** A request as the parts of its IRP are filled from it. */
interface Request {
  readonly major: number;
  readonly buffer: readonly number[];
  readonly length: number;
  readonly ioControlCode: number;
}

/** One part the kernel embeds in an IRP (or in a part of one), made when the driver first reads it. */
interface PartLayout {
  readonly kind?: Kind;
  /** Its label, when not its key. */
  readonly label?: string;
  /** What the kernel puts in it. */
  readonly fill?: (request: Request, put: (field: string, value: Prim) => void) => void;
}

/**
 * The IRP's embedded parts, by the label of the object that embeds them. The driver may not
 * replace a part (each owner's part keys are its read-only fields).
 */
const IRP_LAYOUT: Readonly<Record<string, Readonly<Record<string, PartLayout>>>> = {
  IRP: {
    IoStatus: {
      fill: (_, put) => {
        put('Status', 0);
        put('Information', 0);
      },
    },
    AssociatedIrp: {},
    Tail: {},
    CurrentStackLocation: { fill: (request, put) => put('MajorFunction', request.major) },
  },
  AssociatedIrp: {
    SystemBuffer: { kind: Kind.Array, fill: (request, put) => request.buffer.forEach((value, i) => put(String(i), value)) },
  },
  Tail: { Overlay: {} },
  Overlay: { ListEntry: { label: 'LIST_ENTRY' } },
  CurrentStackLocation: { Parameters: {} },
  Parameters: {
    Read: { fill: (request, put) => put('Length', request.major === IRP_MJ_READ ? request.length : 0) },
    Write: { fill: (request, put) => put('Length', request.major === IRP_MJ_WRITE ? request.length : 0) },
    DeviceIoControl: {
      fill: (request, put) => {
        const control = request.major === IRP_MJ_DEVICE_CONTROL;
        put('IoControlCode', request.ioControlCode);
        put('InputBufferLength', control ? request.length : 0);
        put('OutputBufferLength', control ? request.length : 0);
      },
    },
  },
};
// Looked up by label and by the key the driver read (any string: `constructor` must find nothing).
const PARTS: ReadonlyMap<string, ReadonlyMap<string, PartLayout>> = new Map(Object.entries(IRP_LAYOUT).map(([label, parts]) => [label, new Map(Object.entries(parts))]));
const READ_ONLY: ReadonlyMap<string, ReadonlySet<string>> = new Map([...PARTS].map(([label, parts]) => [label, new Set(parts.keys())]));

/** Builds the I/O objects of one execution and sends IRPs. */
export class IoManager implements EmbeddedParts {
  readonly driver: HostObject;
  readonly devices: HostObject[] = [];
  readonly irps: Array<{ readonly object: HostObject; readonly state: IrpState; readonly device: number; readonly request: Request }> = [];

  constructor(private readonly x: Execution) {
    const memory = x.memory;
    this.driver = memory.allocate(Kind.Struct, 'DRIVER_OBJECT', 'driver');
    const majors = memory.allocate(Kind.Array, 'MajorFunction', 'driver.MajorFunction');
    this.put(majors, 'length', IRP_MJ_MAXIMUM_FUNCTION + 1);
    this.put(this.driver, 'MajorFunction', majors);
    this.put(this.driver, 'DriverExtension', memory.allocate(Kind.Struct, 'DRIVER_EXTENSION', 'driver.DriverExtension'));
    this.driver.readOnly = new Set(['MajorFunction', 'DriverExtension']);
  }

  /** Creates a device object with an empty extension (`ext`, `ext#2`, …) and, optionally, an interrupt vector. */
  createDevice(vector = 0, level = 0): HostObject {
    const memory = this.x.memory;
    const n = this.devices.length;
    const suffix = n === 0 ? '' : `#${n + 1}`;
    const device = memory.allocate(Kind.Struct, 'DEVICE_OBJECT', `device${suffix}`);
    const state = new DeviceState();
    device.state = state;
    this.put(device, 'DeviceExtension', memory.allocate(Kind.Struct, 'DeviceExtension', `ext${suffix}`));
    this.put(device, 'DriverObject', this.driver);
    const dpc = memory.allocate(Kind.Dpc, 'KDPC', `device${suffix}.Dpc`);
    dpc.state = new DpcState();
    state.dpc = dpc;
    this.put(device, 'Dpc', dpc);
    const resources = memory.allocate(Kind.Struct, 'CM_INTERRUPT_RESOURCES', `device${suffix}.Resources`);
    this.put(resources, 'Vector', vector);
    this.put(resources, 'Level', level);
    resources.readOnly = new Set(['Vector', 'Level']);
    this.put(device, 'Resources', resources);
    device.readOnly = new Set(['DeviceExtension', 'DriverObject', 'Dpc', 'Resources']);
    this.devices.push(device);
    return device;
  }

  /** The dispatch routine for `major`, AddDevice, or DriverUnload, as the driver registered it. */
  routine(which: number | 'AddDevice' | 'DriverUnload'): Routine | undefined {
    const memory = this.x.memory;
    let cell;
    if (which === 'AddDevice') cell = this.child(this.driver, 'DriverExtension')?.fields.get('AddDevice');
    else if (which === 'DriverUnload') cell = this.driver.fields.get('DriverUnload');
    else cell = this.child(this.driver, 'MajorFunction')?.fields.get(String(which));
    if (cell === undefined || !cell.present || !cell.isRef) return undefined;
    const fn = memory.get(cell.value);
    return fn?.kind === Kind.Function ? { id: fn.id, name: fn.label } : undefined;
  }

  /**
   * Sends an IRP from thread `ctx` to `device` (after a scheduling point)
   * and waits for it if the dispatch routine returns STATUS_PENDING.
   */
  async send(ctx: Context, device: HostObject, spec: IrpSpec): Promise<IrpResult> {
    const x = this.x;
    await x.gate(ctx);
    const { object, state } = this.createIrp(ctx, spec, this.devices.indexOf(device));
    const dispatch = this.routine(spec.major);
    if (dispatch === undefined) {
      this.put(this.part(object, 'IoStatus')!, 'Status', STATUS_INVALID_DEVICE_REQUEST);
      state.completed = true;
      return this.result(object, state, STATUS_INVALID_DEVICE_REQUEST);
    }
    const outcome = await x.invoke(ctx, dispatch.id, 'dispatch', dispatch.name, [[device.id, true], [object.id, true]]);
    const returned = outcome.kind === 'returned' ? outcome.value : undefined;
    state.dispatchReturned = true;
    if (!x.over && !state.completed && returned === STATUS_PENDING) {
      state.waiter = ctx;
      await x.block(ctx, `IRP #${state.number} (${majorName(spec.major)}) to be completed`);
    }
    if (state.completed) x.bus.sync('acquire', ctx, state);
    return this.result(object, state, returned);
  }

  /** Every IRP sent so far and what became of it. */
  results(): IrpResult[] {
    return this.irps.map(({ object, state }) => this.result(object, state, undefined));
  }

  private createIrp(ctx: Context, spec: IrpSpec, device: number): { object: HostObject; state: IrpState } {
    const number = this.irps.length + 1;
    const object = this.x.memory.allocate(Kind.Struct, 'IRP', `IRP#${number}`);
    const state = new IrpState(number, spec.major, ctx);
    object.state = state;
    object.readOnly = READ_ONLY.get('IRP')!;
    object.parts = this;
    const major = spec.major;
    const request: Request = { major, buffer: [...(spec.buffer ?? [])], length: spec.length ?? spec.buffer?.length ?? 0, ioControlCode: major === IRP_MJ_DEVICE_CONTROL ? (spec.ioControlCode ?? 0) : 0 };
    this.put(object, 'PendingReturned', false);
    this.irps.push({ object, state, device, request });
    return { object, state };
  }

  /** Makes part `key` of an IRP or of one of its parts, if {@link IRP_LAYOUT} has it ({@link EmbeddedParts}). */
  makePart(object: HostObject, key: string): boolean {
    const layout = PARTS.get(object.label)?.get(key);
    if (layout === undefined) return false;
    const part = this.x.memory.embed(object, key, layout.kind ?? Kind.Struct, layout.label ?? key);
    const readOnly = READ_ONLY.get(part.label);
    if (readOnly !== undefined) {
      part.readOnly = readOnly;
      part.parts = this;
    }
    layout.fill?.(this.requestOf(object), (field, value) => this.put(part, field, value));
    return true;
  }

  makeAllParts(object: HostObject): void {
    for (const key of PARTS.get(object.label)?.keys() ?? []) if (!object.fields.has(key)) this.makePart(object, key);
  }

  /** What was asked of the request `object` is, or is part of. */
  private requestOf(object: HostObject): Request {
    let root = object;
    while (!(root.state instanceof IrpState)) root = root.parent!;
    return this.irps[root.state.number - 1]!.request;
  }

  private result(object: HostObject, state: IrpState, returned: Prim): IrpResult {
    const record = this.irps[state.number - 1];
    // A part the driver never touched was never made: it still holds what its layout's fill puts there.
    const status = this.child(object, 'IoStatus');
    const buffer = this.child(this.child(object, 'AssociatedIrp'), 'SystemBuffer');
    const values: number[] = buffer === undefined ? [...(record?.request.buffer ?? [])] : [];
    const length = Number(buffer?.fields.get('length')?.value ?? 0);
    for (let i = 0; i < length; i++) values.push(Number(buffer?.fields.get(String(i))?.value ?? 0));
    return {
      number: state.number,
      major: state.major,
      thread: state.sender.name,
      device: record?.device ?? 0,
      ioControlCode: record?.request.ioControlCode ?? 0,
      completed: state.completed,
      returned,
      status: Number(status?.fields.get('Status')?.value ?? 0),
      information: Number(status?.fields.get('Information')?.value ?? 0),
      buffer: values,
    };
  }

  /** The object field `key` of `object` points to, made if it is a part not made yet. */
  private part(object: HostObject, key: string): HostObject | undefined {
    const cell = this.x.memory.field(object, key);
    return cell?.isRef === true ? this.x.memory.get(cell.value) : undefined;
  }

  /** The object field `key` of `object` points to (a part not made yet is undefined). */
  child(object: HostObject | undefined, key: string): HostObject | undefined {
    const cell = object?.fields.get(key);
    return cell?.isRef === true ? this.x.memory.get(cell.value) : undefined;
  }

  /** Stores a field without recording an access (the kernel setting up its own objects). */
  private put(object: HostObject, key: string, value: Prim | HostObject): void {
    const isRef = typeof value === 'object' && value !== null;
    this.x.memory.store(this.x.memory.cell(object, key), isRef ? (value as HostObject).id : (value as Prim), isRef);
  }
}

/** `IRP_MJ_WRITE` for 4. */
export function majorName(major: number): string {
  switch (major) {
    case IRP_MJ_READ:
      return 'IRP_MJ_READ';
    case IRP_MJ_WRITE:
      return 'IRP_MJ_WRITE';
    case IRP_MJ_DEVICE_CONTROL:
      return 'IRP_MJ_DEVICE_CONTROL';
    default:
      return `IRP_MJ 0x${major.toString(16)}`;
  }
}
