/**
 * The script that locks a fresh `vm` context down before any student code
 * runs in it. It runs inside the context, so everything it makes belongs to
 * the context's realm: a seeded `Math.random`, simulated `Date`, a console
 * that only buffers text, `Error.prepareStackTrace` fixed, every intrinsic
 * frozen (so student code cannot tamper with the kernel API's builtins), and
 * the bridge wrapper, which turns any host exception into a context error.
 */

/** What the lockdown script returns (context functions; call them with primitives only). */
export interface LockdownControl {
  /** Seeds Math.random, resets simulated time and deletes globals added since lockdown; returns how many could not be deleted. */
  reset(seed: number): number;
  /** The console output buffered since the last drain. */
  drain(): string;
  /**
   * Wraps the host bridge's functions in context functions that never let a
   * host exception (or its realm) through; returns the boot object the
   * bundle's first module takes.
   */
  boot(...parts: unknown[]): unknown;
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

  return {
    reset(seed) {
      state = seed | 0;
      now = 0;
      output = '';
      let stuck = 0;
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
      const fault = () => new Error('spinlab: the kernel bridge failed');
      const host = {
        call(id, op, a, b, c, d, e, f, h) { try { return call(id, op, a, b, c, d, e, f, h); } catch (x) { throw fault(); } },
        read(obj, key) { try { return read(obj, key); } catch (x) { throw fault(); } },
        write(obj, key, value, isRef) { try { return write(obj, key, value, isRef); } catch (x) { throw fault(); } },
        has(obj, key) { try { return has(obj, key); } catch (x) { throw fault(); } },
        remove(obj, key) { try { return remove(obj, key); } catch (x) { throw fault(); } },
        keys(obj) { try { return keys(obj); } catch (x) { throw fault(); } },
        alloc(kind, label) { try { return alloc(kind, label); } catch (x) { throw fault(); } },
        refId() { try { return refId(); } catch (x) { throw fault(); } },
        returned(frame, value, isRef) { try { return returned(frame, value, isRef); } catch (x) { throw fault(); } },
        threw(frame, description) { try { return threw(frame, description); } catch (x) { throw fault(); } },
        note(kind, a, b) { try { return note(kind, a, b); } catch (x) { throw fault(); } },
      };
      return { host: Object.freeze(host), markers: Object.freeze({ ref, absent, stopped }) };
    },
  };
})()`;
