/** Argument checks for kernel routines: wrong types become TypeErrors in the student's realm. */
import { describeType, idOf } from './runtime.js';

/** The host id of `value`, which must be an instance of `type`. */
export function objectArg(value: unknown, type: { readonly prototype: object; readonly name: string }, routine: string, parameter: string): number {
  const id = value instanceof (type as unknown as new () => object) ? idOf(value) : undefined;
  if (id === undefined) {
    throw new TypeError(`${routine}: ${parameter} must be a ${type.name}, got ${describeType(value)}.`);
  }
  return id;
}

/** The host id of any tracked or kernel object (an IRP, a DEVICE_OBJECT, a LIST_ENTRY…). */
export function trackedArg(value: unknown, routine: string, parameter: string, typeName: string): number {
  const id = idOf(value);
  if (id === undefined) {
    throw new TypeError(`${routine}: ${parameter} must be a ${typeName}, got ${describeType(value)}.`);
  }
  return id;
}

/** A number argument. */
export function numberArg(value: unknown, routine: string, parameter: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${routine}: ${parameter} must be a number, got ${describeType(value)}${isThenable(value) ? ' (a missing await?)' : ''}.`);
  }
  return value;
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** An IRQL argument; one that is not a number (a `Promise` from a missing await) crosses as -1 and the host reports it. */
export function irqlArg(value: unknown): number {
  return typeof value === 'number' ? value : -1;
}
