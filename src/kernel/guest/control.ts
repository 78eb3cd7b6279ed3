/**
 * The guest functions the host calls (see {@link GuestControl}): settle
 * kernel calls, start routines, list the driver's exports.
 */
import type { BridgeMarkers, GuestControl, HostBridge, Prim } from '../protocol.js';
import { describeThrown } from './describe-thrown.js';
import { materialize } from './materialize.js';
import { bridge, decodeValue, encodeValue, handleOf, installBridge, reject, setMaterializer, settle } from './runtime.js';

/** Installs the bridge (before any student module is evaluated). */
export function installGuest(host: HostBridge, markers: BridgeMarkers): void {
  installBridge(host, markers);
  setMaterializer(materialize);
}

/** The control functions for `driver`, the student's module namespace. */
export function createGuestControl(driver: Readonly<Record<string, unknown>>): GuestControl {
  return {
    resume(callId, value, isRef) {
      settle(callId, decodeValue(value, isRef));
    },
    fail(callId, code, message) {
      reject(callId, code, message);
    },
    invoke(frame, fn, argc, a0, r0, a1, r1, a2, r2, a3, r3) {
      invokeRoutine(frame, fn, argc, [a0, a1, a2, a3], [r0, r1, r2, r3]);
    },
    exports() {
      const routines: Record<string, number> = {};
      for (const name of Object.keys(driver)) {
        const value = driver[name];
        if (typeof value === 'function') routines[name] = handleOf(value);
      }
      return JSON.stringify(routines);
    },
  };
}

function invokeRoutine(frame: number, fn: number, argc: number, values: Prim[], refs: boolean[]): void {
  const host = bridge();
  let outcome: unknown;
  try {
    const routine = decodeValue(fn, true);
    if (typeof routine !== 'function') throw new TypeError('spinlab: routine is not a function');
    const args: unknown[] = [];
    for (let i = 0; i < argc; i++) args.push(decodeValue(values[i], refs[i] === true));
    outcome = (routine as (...a: unknown[]) => unknown)(...args);
  } catch (thrown) {
    host.threw(frame, describeThrown(thrown));
    return;
  }
  Promise.resolve(outcome).then(
    (value) => {
      let encoded: [Prim, boolean];
      try {
        encoded = encodeValue(value);
      } catch {
        encoded = [undefined, false];
      }
      host.returned(frame, encoded[0], encoded[1]);
    },
    (thrown) => host.threw(frame, describeThrown(thrown)),
  );
}
