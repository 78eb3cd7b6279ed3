// The mechanism floor: the engine bench's compiled driver run over the bare bridge spinlab's sandbox
// needs, with no machine behind it. Every kernel call is a promise the guest makes and hands to the
// host through a wrapper made inside the realm (as the lockdown's are); a decision microtask picks a
// waiting call pseudo-randomly and settles it through a guest function; the device extension is a proxy
// whose traps read and write the host's copy. No IRQL, locks, events, checks, frames or trace: what is
// left of spinlab's per-call cost once everything it checks is taken away.
import vm from 'node:vm';
import { driverFactorySource, GLOBALS_BANNER } from '../dist/sandbox/bundle-format.js';

/**
 * The workload as a function made in a realm (the floor's and this one's): AddDevice, then one
 * DispatchWrite per CPU on `device`, all at once.
 */
export const DRIVE_SOURCE = `(async function (driver, device, cpus) {
  await driver.AddDevice({}, device);
  const irps = [];
  for (let i = 0; i < cpus; i++) irps.push(driver.DispatchWrite(device, { IoStatus: {} }));
  await Promise.all(irps);
})`;

/** The guest half: kernel routines that make calls, the tracked-memory proxy, and the settle function. */
// It binds the builtins as locals, as spinlab's guest bundle does (a global lookup in a vm context is dear).
const GUEST = `(function () {
  ${GLOBALS_BANNER}
  let host = null;
  let nextId = 1;
  let lastResolve;
  const pending = [];
  const objects = [];
  const REF = Symbol('ref');
  function capture(resolve) { lastResolve = resolve; }
  function kcall(op) {
    const id = nextId++;
    const promise = new Promise(capture);
    pending[id] = lastResolve;
    host.call(id, op);
    return promise;
  }
  class Tracked {
    constructor(id) { this.id = id; }
    get(_target, key) {
      if (typeof key === 'symbol') return undefined;
      const value = host.read(this.id, key);
      return value === REF ? objects[host.refId()] : value;
    }
    set(_target, key, value) {
      if (typeof value === 'object' && value !== null) {
        objects.push(value);
        host.write(this.id, key, objects.length - 1, true);
      } else host.write(this.id, key, value, false);
      return true;
    }
  }
  class KSPIN_LOCK {}
  const kernel = {
    STATUS_SUCCESS: 0, IO_NO_INCREMENT: 0, IRP_MJ_WRITE: 4, KSPIN_LOCK,
    KeInitializeSpinLock: () => kcall(1), KeAcquireSpinLock: () => kcall(2), KeReleaseSpinLock: () => kcall(3), IoCompleteRequest: () => kcall(4),
  };
  return {
    kernel,
    install(call, read, write, refId) {
      const prim = (value) => { if ((typeof value === 'object' && value !== null) || typeof value === 'function') throw new Error('not a primitive'); return value; };
      host = {
        call(id, op) { return prim(call(id, op)); },
        read(id, key) { return prim(read(id, key, REF)); },
        write(id, key, value, isRef) { return prim(write(id, key, value, isRef)); },
        refId() { return prim(refId()); },
      };
      pending.length = 0;
      objects.length = 0;
      nextId = 1;
    },
    settle(id, value) { const resolve = pending[id]; pending[id] = undefined; resolve(value); },
    device() { return { DeviceExtension: new Proxy({}, new Tracked(1)) }; },
  };
})()`;

/**
 * Shared-state helpers that keep every value as it is, for the runs with no
 * machine behind them (the bundle's module state is shared through them:
 * see src/sandbox/shared-state/).
 */
export const NO_STATE_SOURCE = `(() => {
  // The shared-state helpers, the scheduling sites' (never a point: the floor has no machine to ask), and line coverage's marks.
  let holding;
  return {
    share: (value) => value, scope: () => Object.create(null), lexical: (fn) => fn, global: globalThis,
    pointDue: () => false, hold: (value) => { holding = value; return false; }, held: () => holding, pass: async () => holding,
    update: (target, key, delta, prefix) => { const old = Number(target[key]); target[key] = old + delta; holding = prefix ? old + delta : old; return false; },
    finish: (store) => { store.target[store.key] = store.value; return store.result; },
    ran: [],
  };
})()`;

/** Kernel calls per second of `driver` over the bare bridge: best of `rounds` rounds of `schedules` schedules on `cpus` threads. */
export async function measureMechanism(driver, cpus, schedules, rounds) {
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
  const guest = new vm.Script(GUEST).runInContext(context);
  const factory = new vm.Script(driverFactorySource(driver.code, driver.stateParameter)).runInContext(context);
  const noState = new vm.Script(NO_STATE_SOURCE).runInContext(context);
  const drive = new vm.Script(DRIVE_SOURCE).runInContext(context);
  const waiting = [];
  let fields = new Map();
  let queued = false;
  let calls = 0;
  let state = 1;
  const resolved = Promise.resolve();
  const decide = () => {
    queued = false;
    if (waiting.length === 0) return;
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    const at = state % waiting.length;
    const id = waiting[at];
    waiting[at] = waiting[waiting.length - 1];
    waiting.pop();
    calls++;
    guest.settle(id, 0);
    schedule();
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    resolved.then(decide);
  };
  const call = (id) => {
    waiting.push(id);
    schedule();
    return 0;
  };
  // Each field is a cell { value, isRef }, as in the machine's memory; a reference reads as the realm's marker, then its id.
  let lastRef = 0;
  const read = (_id, key, marker) => {
    const cell = fields.get(key);
    if (cell === undefined) return undefined;
    if (!cell.isRef) return cell.value;
    lastRef = cell.value;
    return marker;
  };
  const write = (_id, key, value, isRef) => {
    const cell = fields.get(key);
    if (cell === undefined) fields.set(key, { value, isRef });
    else {
      cell.value = value;
      cell.isRef = isRef;
    }
    return 0;
  };
  const refId = () => lastRef;
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    calls = 0;
    for (let s = 0; s < schedules; s++) {
      guest.install(call, read, write, refId);
      fields = new Map();
      await drive(factory(guest.kernel, noState), guest.device(), cpus);
    }
    best = Math.max(best, calls / ((performance.now() - started) / 1000));
  }
  return best;
}
