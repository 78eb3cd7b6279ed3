/**
 * The sandbox's realm: a locked-down `vm` context that holds nothing from
 * the host. Code generation from strings is off; there is no `process`,
 * `require`, timers or host object; the only way out is the bridge, whose
 * functions take and return primitives and are wrapped in context functions.
 * The kernel API is evaluated once per context; the student's bundle is
 * compiled once and evaluated afresh for every schedule, so module state
 * never leaks from one schedule to the next.
 */
import vm from 'node:vm';
import type { BridgeMarkers, GuestControl, HostBridge, Prim } from '../kernel/protocol.js';
import { locateInStack, type GuestRealm, type RawSite } from '../machine/index.js';
import { driverFactorySource, GUEST_GLOBAL, type CompiledDriver } from './bundle-format.js';
import { guestBundle } from './guest-bundle.js';
import { LOCKDOWN_SOURCE, type LockdownControl } from './lockdown.js';
import { toSourceSite } from './source-site.js';

/** The file name V8 reports for the bundle in stack traces. */
export const BUNDLE_FILENAME = 'spinlab-submission.js';

/** Printed output kept over a whole exploration (bytes); the rest is dropped with a note. */
export const OUTPUT_LIMIT = 16_384;

/** The guest bundle's exports, as the context holds them. */
interface Guest {
  readonly api: object;
  /** The shared-state helpers the rewritten bundle calls. */
  readonly state: object;
  install(host: unknown, markers: unknown): void;
  createControl(driver: unknown): GuestControl;
  /** Line coverage (statement-marks.ts): makes one slot per marked statement; gives the marks as `0`/`1` text. */
  sizeMarks(count: number): void;
  takeMarks(): unknown;
}

/** A vm realm running one compiled driver. */
export class VmRealm implements GuestRealm {
  private context!: vm.Context;
  private lockdown!: LockdownControl;
  private guest!: Guest;
  private factory!: (kernel: object, state: object) => unknown;
  private readonly script: vm.Script;
  private readonly guestScript: vm.Script;
  private readonly lockdownScript: vm.Script;
  /** Output the driver printed (console.log), drained after each schedule; at most {@link OUTPUT_LIMIT}. */
  private printed = '';
  /** Bytes of output dropped past the limit. */
  private dropped = 0;
  /** Statement `i` of the driver ran in some schedule (gathered here when a context is replaced). */
  private readonly ran: Uint8Array;

  /** Makes a realm for a compiled driver (see {@link createVmRealm}). */
  constructor(
    private readonly driver: CompiledDriver,
    guestSource: string,
  ) {
    // A dynamic import() rejects with this context's own error: Node's default rejection is a
    // host-realm error, whose constructor chain leads to the host's Function (and `process`).
    // (The compiler refuses import() in a submission already; this holds even so. Node 20 calls
    // the callback only under --experimental-vm-modules, which the sandbox child runs with.)
    const importModuleDynamically = (): never => {
      throw this.lockdown.importRefused();
    };
    // The wrapper's first line is line 0, so that bundle line numbers are V8's line numbers.
    this.script = new vm.Script(driverFactorySource(driver.code, driver.stateParameter), {
      filename: BUNDLE_FILENAME,
      lineOffset: -1,
      importModuleDynamically,
    });
    this.guestScript = new vm.Script(`(function () {\n${guestSource}\nreturn ${GUEST_GLOBAL};\n})()`, { filename: 'spinlab-kernel.js', importModuleDynamically });
    this.lockdownScript = new vm.Script(LOCKDOWN_SOURCE, { filename: 'spinlab-lockdown.js', importModuleDynamically });
    this.ran = new Uint8Array(driver.statements.length);
    this.createContext();
  }

  start(bridge: HostBridge, markers: BridgeMarkers): GuestControl {
    this.keep(this.lockdown.drain());
    if (this.lockdown.reset() > 0) {
      // Student code left globals that cannot be deleted: start over in a fresh context.
      this.gatherMarks();
      this.createContext();
      this.lockdown.reset();
    }
    const boot = this.lockdown.boot(
      bridge.call,
      bridge.read,
      bridge.write,
      bridge.has,
      bridge.remove,
      bridge.keys,
      bridge.alloc,
      bridge.refId,
      bridge.returned,
      bridge.threw,
      bridge.note,
      markers.ref,
      markers.absent,
      markers.stopped,
    ) as { host: unknown; markers: unknown };
    this.guest.install(boot.host, boot.markers);
    return primitivesOnly(this.guest.createControl(this.factory(this.guest.api, this.guest.state)));
  }

  /** Output printed so far (and drains it), capped at {@link OUTPUT_LIMIT} bytes with a note of what was dropped. */
  takeOutput(): string {
    this.keep(this.lockdown.drain());
    const text = this.dropped > 0 ? `${this.printed}\n[spinlab: ${this.dropped} more characters of output were dropped]\n` : this.printed;
    this.printed = '';
    this.dropped = 0;
    return text;
  }

  /**
   * Which of the driver's statements ran in any schedule so far: character
   * `i` is `1` if statement `i` did (see line-coverage.ts).
   */
  takeCoverage(): string {
    this.gatherMarks();
    let text = '';
    for (const mark of this.ran) text += mark === 1 ? '1' : '0';
    return text;
  }

  /** Adds the context's marks to {@link ran}; a reply that is not `0`/`1` text of the right length adds nothing. */
  private gatherMarks(): void {
    const marks = this.guest.takeMarks();
    if (typeof marks !== 'string' || marks.length !== this.ran.length) return;
    for (let i = 0; i < marks.length; i++) if (marks.charCodeAt(i) === 49) this.ran[i] = 1;
  }

  private keep(text: unknown): void {
    const chunk = typeof text === 'string' ? text : '';
    const room = OUTPUT_LIMIT - this.printed.length;
    this.printed += chunk.slice(0, Math.max(0, room));
    this.dropped += Math.max(0, chunk.length - Math.max(0, room));
  }

  locate(stack: string): RawSite | undefined {
    // The bundle holds spinlab's kernel module too: only positions that map into the student's files count.
    return locateInStack(stack, (file) => file === BUNDLE_FILENAME, (line, column) => toSourceSite(this.driver, { file: BUNDLE_FILENAME, line, column }) !== undefined);
  }

  private createContext(): void {
    // A null-prototype sandbox object: with `{}`, `this.constructor.constructor` would be the host's Function.
    this.context = vm.createContext(Object.create(null) as object, { codeGeneration: { strings: false, wasm: false }, name: 'spinlab submission' });
    this.lockdown = this.lockdownScript.runInContext(this.context) as LockdownControl;
    this.guest = this.guestScript.runInContext(this.context) as Guest;
    this.factory = this.script.runInContext(this.context) as (kernel: object, state: object) => unknown;
    this.guest.sizeMarks(this.ran.length);
  }
}

/**
 * The guest's controls as the machine calls them, refusing to hand the
 * context anything but primitives: the one place where host values go in.
 */
function primitivesOnly(control: GuestControl): GuestControl {
  const check = (value: unknown): Prim => {
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') throw new TypeError('spinlab: a host object was about to enter the sandbox');
    return value as Prim;
  };
  const resume = control.resume.bind(control);
  const fail = control.fail.bind(control);
  const invoke = control.invoke.bind(control);
  const exports = control.exports.bind(control);
  return {
    resume: (callId, value, isRef) => resume(callId, check(value), isRef === true),
    fail: (callId, code, message) => fail(callId, code, String(check(message))),
    invoke: (frame, fn, argc, a0, r0, a1, r1, a2, r2, a3, r3) =>
      invoke(frame, fn, argc, check(a0), r0 === true, check(a1), r1 === true, check(a2), r2 === true, check(a3), r3 === true),
    exports: () => {
      const text: unknown = exports();
      return typeof text === 'string' ? text : '{}';
    },
  };
}

/** A vm realm for `driver`. */
export async function createVmRealm(driver: CompiledDriver): Promise<VmRealm> {
  return new VmRealm(driver, await guestBundle());
}
