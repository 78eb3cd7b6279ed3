/**
 * The script that locks a fresh `vm` context down before any student code
 * runs in it. It runs inside the context, so everything it makes belongs to
 * the context's realm: a `Math.random` with one stream per routine call
 * (from a fixed seed, never the schedule's, which the workload is drawn from), a `Date` on the machine's simulated clock (the real constructor out
 * of reach, `Intl` gone: nothing reads the host's clock), a console that only
 * buffers text, stack traces that show only the realm's own scripts (never a
 * path of the grader's), no binary-memory, shared-memory, WebAssembly or
 * garbage-collector-observing globals (off-heap memory escapes the heap cap;
 * GC timing is not deterministic), no RegExp legacy statics (a hidden global
 * every match writes), every intrinsic frozen (so student code cannot
 * tamper with the kernel API's builtins), and the bridge wrapper, which
 * turns any host exception into a context error and lets only primitives
 * back in. None of it can hold state a driver could share between routine
 * calls out of the machine's sight.
 */
import { Note } from '../kernel/protocol.js';

/** What the lockdown script returns (context functions; call them with primitives only). */
export interface LockdownControl {
  /** Starts Math.random's streams afresh, deletes globals added since lockdown and restores the global's prototype; returns how many of these could not be undone. */
  reset(): number;
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
  // A fixed seed, not the schedule's: the scenario draws the workload from the schedule's seed, and a driver
  // that could read it back out of Math.random could know the workload before it runs.
  const SEED = 0x2545f491;
  let output = '';
  const LIMIT = 65536;
  // Set by boot(): the machine's notes (the running routine call, the simulated clock).
  let note = null;
  const ask = (kind) => {
    if (note === null) return -1;
    try { const value = note(kind, undefined, undefined); return typeof value === 'number' ? value : -1; } catch (e) { return -1; }
  };

  // One stream per routine call (and one for the module's load): no call can learn from it what another did.
  const streams = new Map();
  function random() {
    const call = ask(${Note.CallId});
    const n = (streams.get(call) || 0) + 1;
    streams.set(call, n);
    let t = (SEED ^ Math.imul(call + 2, 0x9e3779b1) ^ Math.imul(n, 0x85ebca6b)) | 0;
    t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
    return ((t ^ (t >>> 15)) >>> 0) / 4294967296;
  }
  Object.defineProperty(Math, 'random', { value: random, writable: false, configurable: false });

  // Time is the machine's: one millisecond per scheduling step, read-only. The real constructor is
  // kept here alone (Date.prototype.constructor is this one), so nothing reaches the host's clock.
  const now = () => EPOCH + Math.max(0, ask(${Note.Clock}));
  function SimDate(...args) {
    if (new.target === undefined) return String(new RealDate(now()));
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.defineProperty(SimDate, 'prototype', { value: RealDate.prototype, writable: false });
  Object.defineProperty(SimDate, 'now', { value: function now_() { return now(); }, writable: false, configurable: false });
  Object.defineProperty(SimDate, 'parse', { value: RealDate.parse, writable: false, configurable: false });
  Object.defineProperty(SimDate, 'UTC', { value: RealDate.UTC, writable: false, configurable: false });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: SimDate, writable: false, configurable: false });
  Object.defineProperty(g, 'Date', { value: SimDate, writable: false, configurable: false });
  // Intl reads the host's clock (new Intl.DateTimeFormat().format()) and a driver needs none of it.
  delete g.Intl;
  // RegExp.$1, lastMatch, input…: one hidden global every match writes and every routine can read.
  for (const name of ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9', 'input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$\`', 'rightContext', "$'"]) {
    delete RegExp[name];
  }

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
  // To the machine while a schedule runs (it knows which CPU and routine printed); kept here otherwise.
  function print(...args) {
    if (note !== null) {
      try { note(${Note.Print}, text(args), undefined); } catch (e) { /* the report loses a line, never the run */ }
      return;
    }
    if (output.length < LIMIT) output += text(args).slice(0, LIMIT - output.length);
  }
  const console = { log: print, info: print, warn: print, error: print, debug: print, trace: print };
  Object.defineProperty(g, 'console', { value: console, writable: false, configurable: false });
  // Stack traces show the realm's own scripts only: the driver's bundle and the kernel's, never a host frame (a path of the grader's).
  const SCRIPTS = ['spinlab-submission.js', 'spinlab-kernel.js'];
  function prepareStackTrace(error, frames) {
    let head;
    try { head = String(error); } catch (e) { head = 'Error'; }
    const lines = [head];
    for (const frame of frames) {
      try {
        const file = frame.getFileName();
        if (!SCRIPTS.includes(file)) continue;
        const name = frame.getFunctionName();
        const where = file + ':' + frame.getLineNumber() + ':' + frame.getColumnNumber();
        const prefix = (frame.isAsync() ? 'async ' : '') + (frame.isConstructor() ? 'new ' : '');
        lines.push('    at ' + prefix + (name ? name + ' (' + where + ')' : where));
      } catch (e) { /* a frame that cannot be described is left out */ }
    }
    return lines.join('\n');
  }
  Object.defineProperty(Error, 'prepareStackTrace', { value: prepareStackTrace, writable: false, configurable: false });

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
    reset() {
      streams.clear();
      note = null;
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
    boot(call, read, write, has, remove, keys, alloc, refId, returned, threw, hostNote, ref, absent, stopped) {
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
        note(kind, a, b) { let r; try { r = hostNote(kind, a, b); } catch (x) { throw fault(); } return prim(r); },
      };
      note = host.note;
      return { host: Object.freeze(host), markers: Object.freeze({ ref: prim(ref), absent: prim(absent), stopped: prim(stopped) }) };
    },
    importRefused() {
      return new TypeError("import() is not available to a driver: import only 'spinlab/kernel' and your own files, with static imports");
    },
  };
})()`;
