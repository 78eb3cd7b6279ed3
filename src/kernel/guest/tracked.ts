/**
 * Tracked memory on the guest side: proxies whose fields live on the host, so
 * that every read and write is recorded (context, CPU, locks held, vector
 * clock) and the host holds the only true copy of the driver's state.
 *
 * Plain objects and arrays the student stores into tracked memory are copied
 * into it (recursively); keep using them through the object they were stored
 * in.
 */
import { Kind, Refusal, type Prim } from '../protocol.js';
import { absentMarker, bridge, checked, fromHost, handleOf, idOf, refusalError, register } from './runtime.js';
import { markTouched } from './scheduling-points.js';
import { freezeShared } from './shared-state.js';

/** Makes the guest-side proxy for host object `id` and registers it. */
export function trackedProxy(id: number, isArray: boolean, prototype: object | null): object {
  const target: object = isArray ? [] : Object.create(prototype);
  const proxy = new Proxy(target, new TrackedHandler(id, isArray, prototype));
  register(proxy, id);
  return proxy;
}

/** Allocates a new tracked struct on the host whose prototype is `prototype`. */
export function allocateStruct(label: string, prototype: object | null): object {
  const id = checked(bridge().alloc(Kind.Struct, label));
  return trackedProxy(id, false, prototype);
}

/** The id and copy of `value` as it is stored into tracked memory. */
export function storeValue(value: unknown, label: string): [unknown, boolean] {
  if (typeof value === 'symbol') throw new TypeError('A symbol cannot be stored in tracked memory.');
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return [value, false];
  const known = idOf(value);
  if (known !== undefined) return [known, true];
  if (typeof value === 'function') return [handleOf(value, label), true];
  return [copyIntoTracked(value as object, label, new Map()), true];
}

/**
 * Copies plain object or array `value` (and the plain data it holds) into
 * tracked memory; returns its host id. A class instance keeps its prototype,
 * which is frozen — methods and class statics are shared by every copy.
 */
export function copyIntoTracked(value: object, label: string, seen: Map<object, number>): number {
  const already = seen.get(value) ?? idOf(value);
  if (already !== undefined) return already;
  const tag = Object.prototype.toString.call(value);
  const isArray = Array.isArray(value);
  if (!isArray && tag !== '[object Object]') {
    throw refusalError(
      Refusal.Untrackable,
      `A ${tag.slice(8, -1)} cannot be kept in tracked memory (the device extension, pool memory, or state routines share): use plain objects and arrays.`,
    );
  }
  const id = checked(bridge().alloc(isArray ? Kind.Array : Kind.Struct, label));
  seen.set(value, id);
  const prototype = isArray ? Array.prototype : Object.getPrototypeOf(value);
  if (!isArray && prototype !== null && prototype !== Object.prototype) freezeShared(prototype, label);
  trackedProxy(id, isArray, prototype);
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    let encoded: unknown;
    let isRef: boolean;
    if ((typeof field === 'object' && field !== null) && idOf(field) === undefined && typeof field !== 'function') {
      encoded = copyIntoTracked(field, key, seen);
      isRef = true;
    } else {
      [encoded, isRef] = storeValue(field, key);
    }
    checked(bridge().write(id, key, encoded as never, isRef));
  }
  if (isArray) checked(bridge().write(id, 'length', (value as unknown[]).length, false));
  return id;
}

/**
 * The traps of one tracked proxy. One small instance per proxy with its traps shared on the
 * prototype (a literal of closures cost every materialized object ten allocations); the
 * prototype chain ends in null, so a trap the class lacks is never looked up on Object.prototype.
 */
class TrackedHandler implements ProxyHandler<object> {
  private readonly host = bridge();
  private readonly absent = absentMarker();

  constructor(
    private readonly id: number,
    private readonly isArray: boolean,
    private readonly prototype: object | null,
  ) {}

  private lookup(key: string | symbol, receiver: unknown): unknown {
    return this.prototype === null ? undefined : Reflect.get(this.prototype, key, receiver);
  }

  get(_target: object, key: string | symbol, receiver: unknown): unknown {
    if (typeof key === 'symbol') return this.lookup(key, receiver);
    markTouched();
    const value = this.host.read(this.id, key);
    if (value === this.absent) return this.lookup(key, receiver);
    return typeof value === 'symbol' ? fromHost(value) : value;
  }

  set(_target: object, key: string | symbol, value: unknown): boolean {
    if (typeof key === 'symbol') throw new TypeError('Symbol keys are not supported in tracked memory.');
    markTouched();
    if (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol') {
      checked(this.host.write(this.id, key, value as Prim, false));
      return true;
    }
    const [encoded, isRef] = storeValue(value, key);
    checked(this.host.write(this.id, key, encoded as never, isRef));
    return true;
  }

  has(_target: object, key: string | symbol): boolean {
    const prototype = this.prototype;
    if (typeof key === 'symbol') return prototype !== null && key in prototype;
    return this.host.has(this.id, key) || (this.isArray && key === 'length') || (prototype !== null && key in prototype);
  }

  deleteProperty(_target: object, key: string | symbol): boolean {
    if (typeof key === 'symbol') return true;
    markTouched();
    checked(this.host.remove(this.id, key));
    return true;
  }

  ownKeys(): string[] {
    markTouched();
    const keys = JSON.parse(this.host.keys(this.id)) as string[];
    if (this.isArray) keys.push('length');
    return keys;
  }

  getOwnPropertyDescriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
    if (typeof key === 'symbol') return undefined;
    markTouched();
    if (this.isArray && key === 'length') {
      return { value: fromHost(this.host.read(this.id, 'length')), writable: true, enumerable: false, configurable: false };
    }
    if (!this.host.has(this.id, key)) return Reflect.getOwnPropertyDescriptor(target, key);
    return { value: fromHost(this.host.read(this.id, key)), writable: true, enumerable: true, configurable: true };
  }

  defineProperty(_target: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    if (typeof key === 'symbol' || !('value' in descriptor)) {
      throw new TypeError('Only plain data fields can be defined in tracked memory.');
    }
    markTouched();
    const [encoded, isRef] = storeValue(descriptor.value, key);
    checked(this.host.write(this.id, key, encoded as never, isRef));
    return true;
  }

  preventExtensions(): boolean {
    throw new TypeError('Tracked memory cannot be frozen or sealed.');
  }

  setPrototypeOf(): boolean {
    throw new TypeError('The prototype of tracked memory cannot be changed.');
  }
}
Object.setPrototypeOf(TrackedHandler.prototype, null);
Object.freeze(TrackedHandler.prototype);
