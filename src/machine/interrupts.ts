/** Interrupt sources (declared by the scenario) and connected interrupt objects. */
import type { Prim } from '../kernel/protocol.js';
import type { Action } from './actions.js';
import type { Cpu } from './cpu.js';
import type { LockState } from './locks.js';
import type { HostObject } from './memory.js';

/** A connected interrupt: what IoConnectInterrupt set up. */
export class InterruptState {
  connected = true;
  constructor(
    readonly object: HostObject,
    readonly isr: number,
    readonly isrName: string,
    readonly context: readonly [Prim, boolean],
    readonly lock: LockState,
    readonly vector: number,
    readonly irql: number,
    readonly syncIrql: number,
  ) {}
}

/** The stable key of the action that delivers interrupt source `source` on CPU `cpu` (see {@link Action.key}). */
function interruptActionKey(source: number, cpu: number): number {
  return 2_000_000 + source * 64 + cpu;
}

/** A device's interrupt line: how many interrupts the scenario lets arrive, and where. */
export class InterruptSource {
  /** Interrupts still to deliver. */
  remaining: number;
  /** Interrupts delivered so far. */
  delivered = 0;
  /** The data word the device presents for the interrupt being serviced. */
  register = 0;
  /** One delivery action per allowed CPU. */
  readonly actions: Action[] = [];

  constructor(
    readonly index: number,
    readonly device: HostObject,
    readonly vector: number,
    readonly irql: number,
    count: number,
    cpus: readonly Cpu[],
    /** The data word for the n-th interrupt (0-based). */
    readonly data: (n: number) => number,
  ) {
    this.remaining = count;
    for (const cpu of cpus) {
      this.actions.push({ kind: 'interrupt', cpu, ctx: null, source: this, key: interruptActionKey(index, cpu.id), waited: 0 });
    }
  }

  /** The interrupt connected to this vector, if any. */
  connected: InterruptState | null = null;
  /** Whether the device has been started (after AddDevice): it raises no interrupt before. */
  armed = false;
}
