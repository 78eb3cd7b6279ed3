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
import type { BridgeMarkers, GuestControl, HostBridge } from '../kernel/protocol.js';
import { locateInStack, type GuestRealm, type RawSite } from '../machine/index.js';
import { DRIVER_GLOBAL, GUEST_GLOBAL, KERNEL_PARAMETER, type CompiledDriver } from './bundle-format.js';
import { guestBundle } from './guest-bundle.js';
import { LOCKDOWN_SOURCE, type LockdownControl } from './lockdown.js';
import { toSourceSite } from './source-site.js';

/** The file name V8 reports for the bundle in stack traces. */
export const BUNDLE_FILENAME = 'spinlab-submission.js';

/** The guest bundle's exports, as the context holds them. */
interface Guest {
  readonly api: object;
  install(host: unknown, markers: unknown): void;
  createControl(driver: unknown): GuestControl;
}

/** A vm realm running one compiled driver. */
export class VmRealm implements GuestRealm {
  private context!: vm.Context;
  private lockdown!: LockdownControl;
  private guest!: Guest;
  private factory!: (kernel: object) => unknown;
  private readonly script: vm.Script;
  private readonly guestScript: vm.Script;
  /** Output the driver printed (console.log), drained after each schedule. */
  private printed = '';

  /** Makes a realm for a compiled driver (see {@link createVmRealm}). */
  constructor(
    private readonly driver: CompiledDriver,
    guestSource: string,
  ) {
    // The wrapper's first line is line 0, so that bundle line numbers are V8's line numbers.
    this.script = new vm.Script(`(function (${KERNEL_PARAMETER}) {\n${driver.code}\nreturn ${DRIVER_GLOBAL};\n})`, {
      filename: BUNDLE_FILENAME,
      lineOffset: -1,
    });
    this.guestScript = new vm.Script(`(function () {\n${guestSource}\nreturn ${GUEST_GLOBAL};\n})()`, { filename: 'spinlab-kernel.js' });
    this.createContext();
  }

  start(bridge: HostBridge, markers: BridgeMarkers, seed: number): GuestControl {
    this.printed += this.lockdown.drain();
    if (this.lockdown.reset(seed) > 0) {
      // Student code left globals that cannot be deleted: start over in a fresh context.
      this.createContext();
      this.lockdown.reset(seed);
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
    return this.guest.createControl(this.factory(this.guest.api));
  }

  /** Output printed so far (and drains it). */
  takeOutput(): string {
    const text = this.printed + this.lockdown.drain();
    this.printed = '';
    return text;
  }

  locate(stack: string): RawSite | undefined {
    // The bundle holds spinlab's kernel module too: only positions that map into the student's files count.
    return locateInStack(stack, (file) => file === BUNDLE_FILENAME, (line, column) => toSourceSite(this.driver, { file: BUNDLE_FILENAME, line, column }) !== undefined);
  }

  private createContext(): void {
    // A null-prototype sandbox object: with `{}`, `this.constructor.constructor` would be the host's Function.
    this.context = vm.createContext(Object.create(null) as object, { codeGeneration: { strings: false, wasm: false }, name: 'spinlab submission' });
    this.lockdown = vm.runInContext(LOCKDOWN_SOURCE, this.context) as LockdownControl;
    this.guest = this.guestScript.runInContext(this.context) as Guest;
    this.factory = this.script.runInContext(this.context) as (kernel: object) => unknown;
  }
}

/** A vm realm for `driver`. */
export async function createVmRealm(driver: CompiledDriver): Promise<VmRealm> {
  return new VmRealm(driver, await guestBundle());
}
