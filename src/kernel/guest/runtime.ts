/**
 * The guest's state: the installed bridge, the id ↔ object registry and the
 * pending kernel calls. One instance per realm evaluation: inside the sandbox
 * the student's bundle (which includes this module) is evaluated afresh for
 * every schedule, so nothing here outlives a schedule.
 */
import { Kind, Note, Refusal, type BridgeMarkers, type HostBridge, type Prim } from '../protocol.js';
import { freezeShared, shareHandle } from './shared-state.js';

let host: HostBridge | undefined;
let REF: symbol = Symbol('ref');
let ABSENT: symbol = Symbol('absent');
let STOPPED: symbol = Symbol('stopped');

/** id → guest object (kernel objects, tracked proxies, functions, opaque values). */
const objects: unknown[] = [];
// A Map, not a WeakMap: every registered object is kept by `objects` anyway, the registry is
// dropped with the schedule, and ephemeron tables are costly for the collector.
let ids = new Map<object, number>();
/** callId → resolver of the promise the student awaits. */
const pending: Array<((value: unknown) => void) | undefined> = [];
const rejecters: Array<((error: unknown) => void) | undefined> = [];
let nextCallId = 1;

/** Installs the bridge; called once per realm evaluation, before any student code. */
export function installBridge(bridge: HostBridge, markers: BridgeMarkers): void {
  host = bridge;
  REF = markers.ref;
  ABSENT = markers.absent;
  STOPPED = markers.stopped;
  objects.length = 0;
  ids = new Map();
  pending.length = 0;
  rejecters.length = 0;
  nextCallId = 1;
}

/** The host bridge; throws in the student's realm when spinlab is not running the code. */
export function bridge(): HostBridge {
  if (host === undefined) {
    throw new Error('spinlab/kernel routines run only inside spinlab: try `npx spinlab check`.');
  }
  return host;
}

/** The `absent` marker (see {@link BridgeMarkers}). */
export function absentMarker(): symbol {
  return ABSENT;
}

/** Records `object` under the host id `id`. */
export function register(object: object, id: number): void {
  objects[id] = object;
  ids.set(object, id);
}

/** The host id of a guest object, or undefined if the host does not know it. */
export function idOf(object: unknown): number | undefined {
  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return undefined;
  return ids.get(object);
}

/** The guest object behind a host id. */
export function objectOf(id: number): unknown {
  return objects[id];
}

/**
 * The host id for any value the student hands to the kernel or stores in
 * tracked memory: known objects keep their id; a function is frozen (with
 * what it holds) and registered; an object where C takes a PVOID that
 * outlives the call (DeferredContext, ServiceContext…) is shared — plain
 * data copied into tracked memory, constants frozen, stateful objects
 * refused (see shared-state.ts).
 */
export function handleOf(value: unknown, label = 'context'): number {
  const known = idOf(value);
  if (known !== undefined) return known;
  if (typeof value !== 'function') return shareHandle(value as object, label);
  const name = functionName(value as (...args: never[]) => unknown);
  freezeShared(value, name);
  const id = checked(bridge().alloc(Kind.Function, name));
  register(value as object, id);
  return id;
}

/**
 * The host id for an object the kernel hands back only within the call it
 * was passed to (KeSynchronizeExecution's SynchronizeContext, a pointer to
 * the caller's own variable): passed as it is, by identity.
 */
export function localHandleOf(value: unknown): number {
  const known = idOf(value);
  if (known !== undefined) return known;
  if (typeof value === 'function') return handleOf(value);
  const id = checked(bridge().alloc(Kind.Opaque, 'value'));
  register(value as object, id);
  return id;
}

/** {@link encodeValue} for a context used only within its call (see {@link localHandleOf}). */
export function encodeLocal(value: unknown): [Prim, boolean] {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') return [localHandleOf(value), true];
  return encodeValue(value);
}

/** The id of a routine the student hands to the kernel (a DPC routine, an ISR…). */
export function functionId(fn: unknown, what: string): number {
  if (typeof fn !== 'function') throw new TypeError(`${what} must be a function, got ${describeType(fn)}.`);
  return handleOf(fn);
}

/** A readable name for a student function. */
export function functionName(fn: (...args: never[]) => unknown): string {
  const name = fn.name;
  return typeof name === 'string' && name !== '' ? name : 'anonymous routine';
}

/** Splits a value into the (value, isRef) pair that crosses the seam. */
export function encodeValue(value: unknown): [Prim, boolean] {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    return [handleOf(value), true];
  }
  if (typeof value === 'symbol') throw new TypeError('A symbol cannot be passed to the kernel.');
  return [value as Prim, false];
}

/** Turns a (value, isRef) pair from the host back into a guest value. */
export function decodeValue(value: Prim, isRef: boolean): unknown {
  return isRef ? objectFor(value as number) : value;
}

/** Turns a value read from the host (possibly the ref marker) into a guest value. */
export function fromHost(value: unknown): unknown {
  if (value === REF) return objectFor(bridge().refId());
  if (value === STOPPED) throw refusalError(Refusal.Stopped);
  return value;
}

let materializer: (id: number, kind: number) => unknown = () => undefined;

/** Sets how guest objects are made for host objects the guest has not seen (an IRP, a KINTERRUPT…). */
export function setMaterializer(make: (id: number, kind: number) => unknown): void {
  materializer = make;
}

/** The guest object for host id `id`, made on first sight. */
export function objectFor(id: number): unknown {
  const known = objects[id];
  if (known !== undefined) return known;
  return materializer(id, bridge().note(Note.KindOf, id, undefined) as number);
}

/**
 * Makes a kernel call: registers the resolver, then tells the host. The
 * returned promise settles when the scheduler runs the call.
 */
export function kcall<T>(op: number, a?: Prim, b?: Prim, c?: Prim, d?: Prim, e?: Prim, f?: Prim, g?: Prim): Promise<T> {
  const promise = new Promise<T>(capture);
  issue(op, lastResolve!, a, b, c, d, e, f, g);
  return promise;
}

/**
 * A scheduling point that hands `value` back to the code awaiting it (a
 * value computed before the point and stored after it): settles with
 * `value`, whatever the host settles the call with.
 */
export function pointCall<T>(op: number, value: T): Promise<T> {
  const promise = new Promise<T>(capture);
  const resolve = lastResolve!;
  issue(op, () => resolve(value));
  return promise;
}

/** Registers the resolvers of call `op` (the last captured rejecter) and tells the host; throws a refusal. */
function issue(op: number, resolve: (value: unknown) => void, a?: Prim, b?: Prim, c?: Prim, d?: Prim, e?: Prim, f?: Prim, g?: Prim): void {
  const callId = nextCallId++;
  pending[callId] = resolve;
  rejecters[callId] = lastReject;
  const code = bridge().call(callId, op, a, b, c, d, e, f, g);
  if (code < 0) {
    pending[callId] = undefined;
    rejecters[callId] = undefined;
    throw refusalError(code);
  }
}

let lastResolve: ((value: unknown) => void) | undefined;
let lastReject: ((error: unknown) => void) | undefined;

/** A promise executor that captures nothing (so a kernel call allocates no closure): it hands its resolvers to kcall. */
function capture(resolve: (value: never) => void, reject: (error: unknown) => void): void {
  lastResolve = resolve as (value: unknown) => void;
  lastReject = reject;
}

/** Settles pending call `callId` (host → guest). */
export function settle(callId: number, value: unknown): void {
  const resolve = pending[callId];
  pending[callId] = undefined;
  rejecters[callId] = undefined;
  if (resolve !== undefined) resolve(value);
}

/** Rejects pending call `callId` with a kernel error (host → guest). */
export function reject(callId: number, code: number, message: string): void {
  const rejecter = rejecters[callId];
  pending[callId] = undefined;
  rejecters[callId] = undefined;
  if (rejecter !== undefined) rejecter(refusalError(code, message));
}

/** Throws the error a refusal stands for, if `code` is one; returns it otherwise. */
export function checked(code: number): number {
  if (code < 0) throw refusalError(code);
  return code;
}

/** The error thrown into student code for a refusal. */
export function refusalError(code: number, message?: string): Error {
  switch (code) {
    case Refusal.BadArgument:
      return new TypeError(message ?? 'Invalid argument to a kernel routine.');
    case Refusal.ReadOnly:
      return new TypeError(message ?? 'This field is read-only.');
    case Refusal.Untrackable:
      return new TypeError(message ?? 'This value cannot be stored in tracked memory.');
    case Refusal.Stopped:
      return new Error(message ?? 'spinlab stopped this schedule.');
    default:
      return new Error(message ?? 'spinlab internal error.');
  }
}

/** A short description of a value's type, for error messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const ctor = Object.getPrototypeOf(value)?.constructor;
    return typeof ctor === 'function' && ctor.name ? `a ${ctor.name}` : 'an object';
  }
  return typeof value;
}
