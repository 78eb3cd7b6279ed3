/**
 * The guest side of the shared-state rewrite (`src/sandbox/shared-state/`):
 * what the rewritten bundle calls when state two routine calls could share
 * gets its value. Every such value ends up tracked, frozen, or refused:
 *
 * - plain objects, arrays and class instances are copied into tracked
 *   memory (their prototypes — methods and class statics — frozen);
 * - functions and classes are frozen, with their properties and prototypes
 *   (a function handed on with an untracked `this` kept by an arrow, or a
 *   bound function, which keeps what it was bound to out of sight, is
 *   refused);
 * - a Map, a Set, a Date, a Promise, a generator… is refused: it holds
 *   state spinlab cannot see.
 *
 * A refusal is a TypeError thrown where the value is shared, naming it.
 */
import { Kind, Note } from '../protocol.js';
import { bridge, checked, idOf, objectOf, register } from './runtime.js';
import { finish, held, hold, pass, pointDue, update } from './scheduling-points.js';
import { ran } from './statement-marks.js';
import { copyIntoTracked, trackedProxy } from './tracked.js';

/** What the rewritten bundle reaches through its state parameter. */
export interface SharedStateApi {
  /** Shares `value`, kept at `path` (`module.table`): returns it tracked or frozen, or throws. */
  share<T>(value: T, path: string): T;
  /** A tracked object for one scope's cells, named `label` (`module`, `counter`). */
  scope(label: string): object;
  /** Notes that arrow `fn` keeps `self` as its `this`; returns `fn`. */
  lexical<T>(fn: T, self: unknown): T;
  /** The global object as a driver sees it: frozen, without Proxy. */
  readonly global: object;
  /** Scheduling points at shared accesses (see scheduling-points.ts). */
  readonly pointDue: () => boolean;
  readonly hold: (value: unknown) => boolean;
  readonly held: () => unknown;
  readonly pass: () => Promise<unknown>;
  readonly update: typeof update;
  readonly finish: typeof finish;
  /** Line coverage: slot `i` set when the student's statement `i` runs (see statement-marks.ts). */
  readonly ran: number[];
}

const keptThis = new WeakMap<object, unknown>();
/** Objects of the realm itself (intrinsics, the kernel API): frozen already, never walked. */
const realmObjects = new WeakSet<object>();
const STATEFUL = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'Promise', 'Generator', 'AsyncGenerator', 'Arguments', 'Array Iterator', 'Map Iterator', 'Set Iterator', 'String Iterator', 'RegExp String Iterator']);

/**
 * Freezes the kernel API namespace `api` and what its exports hold (the
 * routines, the classes, their prototypes): spinlab's own objects, which no
 * student code may keep state on. The realm's intrinsics are frozen already.
 */
export function freezeKernelApi(api: object): void {
  const seen = new Set<object>();
  const freeze = (value: unknown): void => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value) || Object.isFrozen(value)) return;
    seen.add(value);
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      if ('value' in descriptor) freeze(descriptor.value);
      else {
        freeze(descriptor.get);
        freeze(descriptor.set);
      }
    }
    freeze(Reflect.getPrototypeOf(value));
  };
  // The namespace's exports are getters: freeze what they give.
  for (const key of Reflect.ownKeys(api)) freeze((api as Record<string | symbol, unknown>)[key]);
  Object.freeze(api);
}

/** Marks everything reachable from `roots` as the realm's own (call once the realm is frozen). */
export function noteRealmObjects(...roots: unknown[]): void {
  const stack = [...roots];
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || realmObjects.has(value)) continue;
    realmObjects.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      if ('value' in descriptor) stack.push(descriptor.value);
      else stack.push(descriptor.get, descriptor.set);
    }
    stack.push(Reflect.getPrototypeOf(value));
  }
}

function typeName(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

function refuse(path: string, what: string): TypeError {
  return new TypeError(
    `\`${path}\` holds ${what}, which routines could share without spinlab seeing it: keep shared state in the device extension (plain objects and arrays, which spinlab tracks).`,
  );
}

/** Whether `fn` is a native function made at run time (a bound function, a promise's resolver): what it keeps is out of sight. */
function isMadeNative(fn: (...args: never[]) => unknown): boolean {
  if (Object.isFrozen(fn) || realmObjects.has(fn)) return false;
  try {
    return Function.prototype.toString.call(fn).endsWith('{ [native code] }');
  } catch {
    return true;
  }
}

/** Freezes `value` and everything it holds (properties, prototypes), refusing what cannot be frozen into a constant. */
export function freezeShared(value: unknown, path: string, seen = new Set<object>()): void {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return;
  if (seen.has(value) || realmObjects.has(value) || idOf(value) !== undefined) return;
  seen.add(value);
  if (typeof value === 'function') {
    if (isMadeNative(value as (...args: never[]) => unknown)) throw refuse(path, 'a bound function');
    const self = keptThis.get(value);
    if ((typeof self === 'object' || typeof self === 'function') && self !== null && idOf(self) === undefined && !realmObjects.has(self)) {
      throw refuse(path, 'an arrow function that keeps `this`, an object spinlab does not track');
    }
  } else {
    const type = typeName(value);
    if (STATEFUL.has(type) || type.endsWith('Iterator')) throw refuse(path, `a ${type}`);
    if (type === 'RegExp' && ((value as RegExp).global || (value as RegExp).sticky)) throw refuse(path, 'a global or sticky RegExp (its lastIndex changes)');
  }
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    const at = typeof key === 'string' ? `${path}.${key}` : path;
    if ('value' in descriptor) freezeShared(descriptor.value, at, seen);
    else {
      freezeShared(descriptor.get, at, seen);
      freezeShared(descriptor.set, at, seen);
    }
  }
  freezeShared(Reflect.getPrototypeOf(value), path, seen);
}

/** Names tracked object `id` after where it is kept, and marks it as state outside the device. */
function nameShared(id: number, path: string): void {
  checked(bridge().note(Note.NameShared, id, path) as number);
}

/** See {@link SharedStateApi.share}. */
export function share<T>(value: T, path: string): T {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  if (idOf(value) !== undefined) return value;
  if (typeof value === 'function') {
    freezeShared(value, path);
    return value;
  }
  const object = value as object;
  const type = typeName(object);
  const plain = Array.isArray(object) || type === 'Object';
  if (!plain || Object.isFrozen(object)) {
    // Constants (a frozen table, an Error, a RegExp) stay as they are, frozen through.
    freezeShared(object, path);
    return value;
  }
  const id = copyIntoTracked(object, path, new Map());
  nameShared(id, path);
  return objectOf(id) as T;
}

/**
 * The host id for an object handed to the kernel where C takes a PVOID that
 * outlives the call (a DeferredContext, a ServiceContext): plain data is
 * copied into tracked memory, constants are frozen and passed as they are,
 * anything holding state of its own is refused.
 */
export function shareHandle(value: object, path: string): number {
  const type = typeName(value);
  if ((Array.isArray(value) || type === 'Object') && !Object.isFrozen(value)) return copyIntoTracked(value, path, new Map());
  freezeShared(value, path);
  const id = checked(bridge().alloc(Kind.Opaque, 'value'));
  register(value, id);
  return id;
}

/** See {@link SharedStateApi.scope}. */
export function scope(label: string): object {
  const id = checked(bridge().alloc(Kind.Struct, label));
  nameShared(id, label);
  return trackedProxy(id, false, null);
}

/** See {@link SharedStateApi.lexical}. */
export function lexical<T>(fn: T, self: unknown): T {
  if (typeof fn === 'function') keptThis.set(fn, self);
  return fn;
}

/** The global object as a driver sees it: a frozen copy of the realm's, without Proxy. */
function globalView(): object {
  const view = Object.create(null) as Record<string | symbol, unknown>;
  for (const key of Reflect.ownKeys(globalThis)) {
    if (key === 'Proxy') continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(globalThis, key);
    if (descriptor === undefined) continue;
    if ('value' in descriptor) Reflect.defineProperty(view, key, { value: descriptor.value, enumerable: descriptor.enumerable, writable: false, configurable: false });
    else Reflect.defineProperty(view, key, { get: descriptor.get, set: descriptor.set, enumerable: descriptor.enumerable, configurable: false });
  }
  return Object.freeze(view);
}

/** The state parameter's object (one per realm; frozen). */
export function sharedStateApi(): SharedStateApi {
  const api: SharedStateApi = { share, scope, lexical, global: globalView(), pointDue, hold, held, pass, update, finish, ran };
  return Object.freeze(api);
}
