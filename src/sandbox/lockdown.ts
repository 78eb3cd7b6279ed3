/**
 * The script that locks a fresh `vm` context down before any student code
 * runs in it. It runs inside the context, so everything it makes belongs to
 * the context's realm: a seeded `Math.random`, simulated `Date`, a console
 * that only buffers text, `Error.prepareStackTrace` fixed, no binary-memory,
 * shared-memory, WebAssembly or garbage-collector-observing globals (off-heap
 * memory escapes the heap cap; GC timing is not deterministic), every
 * intrinsic frozen (so student code cannot tamper with the kernel API's
 * builtins), and the bridge wrapper, which turns any host exception into a
 * context error and lets only primitives back in.
 */

/** What the lockdown script returns (context functions; call them with primitives only). */
export interface LockdownControl {
  /** Seeds Math.random, resets simulated time, deletes globals added since lockdown and restores the global's prototype; returns how many of these could not be undone. */
  reset(seed: number): number;
  /** The console output buffered since the last drain. */
  drain(): string;
  /**
   * Wraps the host bridge's functions in context functions that never let a
   * host exception (or its realm) through; returns the boot object the
   * bundle's first module takes.
   */
  boot(...parts: unknown[]): unknown;
  /** A context-made error for a refused dynamic `import()` (what the host's import callback throws). */
  importRefused(): unknown;
}

/** Source of the lockdown script; its completion value is a {@link LockdownControl}. */
export const LOCKDOWN_SOURCE = String.raw`(function () {
  'use strict';
  const g = globalThis;
  const RealDate = Date;
  const EPOCH = 1767225600000;
  let state = 1;
  let now = 0;
  let output = '';
  const LIMIT = 65536;

  function random() {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  Object.defineProperty(Math, 'random', { value: random, writable: false, configurable: false });

  class SimDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(EPOCH + now);
      else super(...args);
    }
    static now() {
      now += 1;
      return EPOCH + now;
    }
  }
  Object.defineProperty(g, 'Date', { value: SimDate, writable: false, configurable: false });

  function text(args) {
    let line = '';
    for (let i = 0; i < args.length; i++) {
      let piece;
      try { piece = typeof args[i] === 'string' ? args[i] : JSON.stringify(args[i]); } catch (e) { piece = '[value]'; }
      if (piece === undefined) piece = String(args[i]);
      line += (i === 0 ? '' : ' ') + piece;
    }
    return line + '\n';
  }
  function print(...args) {
    if (output.length < LIMIT) output += text(args).slice(0, LIMIT - output.length);
  }
  const console = { log: print, info: print, warn: print, error: print, debug: print, trace: print };
  Object.defineProperty(g, 'console', { value: console, writable: false, configurable: false });
  Object.defineProperty(Error, 'prepareStackTrace', { value: undefined, writable: false, configurable: false });

  // Binary and shared memory live outside the V8 heap (so outside --max-old-space-size); WeakRef and
  // FinalizationRegistry expose garbage-collection timing. A driver needs none of them.
  for (const name of ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'WebAssembly', 'WeakRef', 'FinalizationRegistry',
    'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
    'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    delete g[name];
  }

  const seen = new Set();
  function freeze(value) {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
    seen.add(value);
    if (value !== g) {
      try { Object.freeze(value); } catch (e) { /* typed array prototypes with elements: left as they are */ }
    }
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      if ('value' in descriptor) freeze(descriptor.value);
      else { freeze(descriptor.get); freeze(descriptor.set); }
    }
    freeze(Reflect.getPrototypeOf(value));
  }
  for (const fn of [function () {}, async function () {}, function* () {}, async function* () {}]) freeze(fn);
  freeze([][Symbol.iterator]());
  freeze(new Map().entries());
  freeze(new Set().values());
  freeze(''[Symbol.iterator]());
  freeze(/x/[Symbol.matchAll]('x'));
  freeze(g);
  for (const key of Reflect.ownKeys(g)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(g, key);
    if (descriptor !== undefined && descriptor.configurable) {
      Reflect.defineProperty(g, key, { value: g[key], writable: false, enumerable: descriptor.enumerable, configurable: false });
    }
  }
  const baseline = new Set(Reflect.ownKeys(g));
  const globalPrototype = Reflect.getPrototypeOf(g);

  return {
    reset(seed) {
      state = seed | 0;
      now = 0;
      output = '';
      let stuck = 0;
      if (Reflect.getPrototypeOf(g) !== globalPrototype && !Reflect.setPrototypeOf(g, globalPrototype)) stuck++;
      for (const key of Reflect.ownKeys(g)) {
        if (baseline.has(key)) continue;
        if (!Reflect.deleteProperty(g, key)) stuck++;
      }
      return stuck;
    },
    drain() {
      const text = output;
      output = '';
      return text;
    },
    boot(call, read, write, has, remove, keys, alloc, refId, returned, threw, note, ref, absent, stopped) {
      // Whatever a host function throws (a host RangeError when the stack is nearly full, say) or
      // returns that is not a primitive stays here: the student sees only this context's errors.
      const fault = () => new Error('spinlab: the kernel bridge failed');
      const prim = (value) => {
        if ((typeof value === 'object' && value !== null) || typeof value === 'function') throw fault();
        return value;
      };
      const host = {
        call(id, op, a, b, c, d, e, f, h) { let r; try { r = call(id, op, a, b, c, d, e, f, h); } catch (x) { throw fault(); } return prim(r); },
        read(obj, key) { let r; try { r = read(obj, key); } catch (x) { throw fault(); } return prim(r); },
        write(obj, key, value, isRef) { let r; try { r = write(obj, key, value, isRef); } catch (x) { throw fault(); } return prim(r); },
        has(obj, key) { let r; try { r = has(obj, key); } catch (x) { throw fault(); } return prim(r); },
        remove(obj, key) { let r; try { r = remove(obj, key); } catch (x) { throw fault(); } return prim(r); },
        keys(obj) { let r; try { r = keys(obj); } catch (x) { throw fault(); } return prim(r); },
        alloc(kind, label) { let r; try { r = alloc(kind, label); } catch (x) { throw fault(); } return prim(r); },
        refId() { let r; try { r = refId(); } catch (x) { throw fault(); } return prim(r); },
        returned(frame, value, isRef) { try { returned(frame, value, isRef); } catch (x) { throw fault(); } },
        threw(frame, description) { try { threw(frame, description); } catch (x) { throw fault(); } },
        note(kind, a, b) { let r; try { r = note(kind, a, b); } catch (x) { throw fault(); } return prim(r); },
      };
      return { host: Object.freeze(host), markers: Object.freeze({ ref: prim(ref), absent: prim(absent), stopped: prim(stopped) }) };
    },
    importRefused() {
      return new TypeError("import() is not available to a driver: import only 'spinlab/kernel' and your own files, with static imports");
    },
  };
})()`;
