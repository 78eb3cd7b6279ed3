/**
 * The sandbox child's lockdown of its own (host) realm, run after the
 * trusted setup and before any student code. The vm realm is the boundary;
 * this is what stands behind it, so that code which ever escaped the realm
 * would find a process that can do almost nothing:
 *
 * - the language intrinsics are frozen (`--frozen-intrinsics`) and code
 *   generation from strings is off (`--disallow-code-generation-from-strings`);
 * - `process` loses every capability that reaches beyond the child: signals
 *   (`kill`, `_debugProcess`, which opens another process's inspector),
 *   native and built-in modules, IPC, identity and working-folder changes;
 * - the network globals (`fetch`, `WebSocket`, `EventSource`) are gone;
 * - the globals the trusted code calls while student code runs (`Buffer`,
 *   the timers) can no longer be replaced.
 */

/** `process` members that reach beyond this process, or load new capabilities. */
const PROCESS_CAPABILITIES = [
  'kill',
  '_kill',
  '_debugProcess',
  '_debugEnd',
  'binding',
  '_linkedBinding',
  'dlopen',
  'getBuiltinModule',
  'send',
  'disconnect',
  'chdir',
  'setuid',
  'setgid',
  'seteuid',
  'setegid',
  'setgroups',
  'initgroups',
  'loadEnvFile',
  'setSourceMapsEnabled',
];

/** Globals that open connections. */
const NETWORK_GLOBALS = ['fetch', 'WebSocket', 'EventSource'];

/** Globals the trusted code uses while student code is loaded: fixed in place. */
const PINNED_GLOBALS = ['Buffer', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'process'];

/** Locks the child's host realm down (see the file comment). Idempotent. */
export function lockDownHost(): void {
  const refused = (): never => {
    throw new Error('not available in the spinlab sandbox');
  };
  for (const name of PROCESS_CAPABILITIES) {
    const descriptor = Reflect.getOwnPropertyDescriptor(process, name);
    if (descriptor !== undefined && descriptor.configurable === false) continue;
    Reflect.defineProperty(process, name, { value: refused, writable: false, enumerable: false, configurable: false });
  }
  for (const name of NETWORK_GLOBALS) Reflect.deleteProperty(globalThis, name);
  Object.freeze(Buffer);
  Object.freeze(Buffer.prototype);
  for (const name of PINNED_GLOBALS) {
    const descriptor = Reflect.getOwnPropertyDescriptor(globalThis, name);
    if (descriptor === undefined || descriptor.configurable === false) continue;
    const value: unknown = Reflect.get(globalThis, name);
    Reflect.defineProperty(globalThis, name, { value, writable: false, enumerable: descriptor.enumerable ?? false, configurable: false });
  }
}
