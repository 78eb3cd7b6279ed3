/**
 * The workload API a scenario's `run(sim)` uses: start the driver, start
 * threads that send IRPs, declare interrupts, wait for the threads.
 */
import { IRP_MJ_DEVICE_CONTROL, IRP_MJ_READ, IRP_MJ_WRITE } from '../kernel/codes.js';
import { NT_SUCCESS, type NTSTATUS } from '../kernel/ntstatus.js';
import { InterruptSource, type Context, type Execution, type HostObject, type IoManager, type IrpResult, type IrpSpec } from '../machine/index.js';
import type { AssertCondition, Assertions } from './assertion.js';

/** The invariant a workload reports when the driver cannot be started (DriverEntry failed, routines missing). */
export const SETUP_INVARIANT = 'setup';
/** A device the scenario started. */
export interface Device {
  /** 0 for the first device. */
  readonly index: number;
  /** @internal */
  readonly object: HostObject;
}

/** Options for one device. */
export interface DeviceOptions {
  /**
   * The device's interrupt line, if it has one: its vector and DIRQL (which
   * the driver finds in `DeviceObject.Resources`), how many interrupts may
   * arrive in a schedule, and on which CPUs (default all).
   */
  readonly interrupt?: {
    readonly vector: number;
    readonly level: number;
    readonly count: number;
    readonly cpus?: readonly number[];
    /** The data word the device presents for interrupt `n` (default `n + 1`). */
    readonly data?: (n: number) => number;
  };
}

/** A thread the scenario started. */
export interface ThreadHandle {
  readonly name: string;
  /** @internal */
  readonly ctx: Context;
}

/** What a scenario thread can do. Each request is a scheduling point. */
export class ThreadApi {
  /** @internal */
  constructor(
    private readonly io: IoManager,
    private readonly ctx: Context,
    private readonly assertions: Assertions,
  ) {}

  /**
   * Asserts, at this point of the thread, that `condition` holds: a boolean
   * (on what an IRP returned), or a function of the driver's state now (the
   * same view an invariant gets), returning `true` or a message. `name` must
   * be one of the scenario's `assertions`; a failure is reported as that
   * invariant (with `message`, else the function's), and the thread goes on.
   * Returns whether it held. Not a scheduling point.
   */
  assert(name: string, condition: AssertCondition, message?: string): boolean {
    return this.assertions.check(this.ctx.name, name, condition, message);
  }

  /** Sends IRP_MJ_WRITE with `data` as its buffer; resolves when it is completed. */
  write(device: Device, data: readonly number[]): Promise<IrpResult> {
    return this.send(device, { major: IRP_MJ_WRITE, buffer: data });
  }

  /** Sends IRP_MJ_READ for `length` words; resolves with the completed IRP (its buffer holds the data). */
  read(device: Device, length: number): Promise<IrpResult> {
    return this.send(device, { major: IRP_MJ_READ, buffer: new Array<number>(length).fill(0), length });
  }

  /** Sends IRP_MJ_DEVICE_CONTROL with `code` and `input`. */
  ioctl(device: Device, code: number, input: readonly number[] = []): Promise<IrpResult> {
    return this.send(device, { major: IRP_MJ_DEVICE_CONTROL, ioControlCode: code, buffer: input });
  }

  /** Sends any IRP. */
  send(device: Device, spec: IrpSpec): Promise<IrpResult> {
    return this.io.send(this.ctx, device.object, spec);
  }
}

/** The simulation a scenario drives. */
export class Simulation {
  /**
   * Set when the driver correctly declined to start after an injected
   * failure (see src/machine/faults.ts): DriverEntry or AddDevice returned an
   * error status and undid what it had done. The schedule then has no
   * workload; the scenario's invariants say nothing about it.
   */
  declined: string | null = null;
  private started = false;
  private readonly live = new Set<Context>();
  /** What the boot thread waits for in {@link join}, if it waits: every thread (null) or one. */
  private joining: { readonly ctx: Context | null; readonly wake: () => void } | null = null;

  /** @internal */
  constructor(
    private readonly x: Execution,
    private readonly io: IoManager,
    private readonly boot: Context,
    private readonly exports: Readonly<Record<string, number>>,
    private readonly report: (name: string, message: string) => void,
    private readonly assertions: Assertions,
  ) {}

  /** As {@link ThreadApi.assert}, for the boot thread (`run` itself): after a `join`, on what the threads left. */
  assert(name: string, condition: AssertCondition, message?: string): boolean {
    return this.assertions.check(this.boot.name, name, condition, message);
  }

  /** The CPU numbers of this machine (0 … cpus-1). */
  get cpus(): number[] {
    return this.x.cpus.map((cpu) => cpu.id);
  }

  /**
   * A deterministic random 32-bit value for this schedule (from the strategy's
   * seed; the same stream `workload(draw)` draws from). For anything an
   * invariant must know, draw it in the scenario's `workload` instead.
   */
  random(): number {
    return this.x.picker.nextRandom();
  }

  /**
   * Loads the driver: runs DriverEntry (first call only), creates a device
   * and runs AddDevice for it, all at PASSIVE_LEVEL on CPU 0, then starts the
   * device (its interrupts may arrive from then on). Resolves with the
   * device, or null if the driver failed to start (reported as the `setup`
   * invariant).
   */
  async start(options: DeviceOptions = {}): Promise<Device | null> {
    const x = this.x;
    if (!this.started) {
      this.started = true;
      const entry = this.exports.DriverEntry;
      if (entry === undefined) return this.fail('the driver does not export DriverEntry');
      await x.gate(this.boot);
      const mark = this.mark();
      const outcome = await x.invoke(this.boot, entry, 'DriverEntry', 'DriverEntry', [[this.io.driver.id, true], ['\\Registry\\Machine\\System\\spinlab', false]]);
      if (x.over) return null;
      if (outcome.kind === 'returned' && typeof outcome.value === 'number' && !NT_SUCCESS(outcome.value as NTSTATUS)) {
        return this.failed('DriverEntry', outcome.value, mark);
      }
    }
    const interrupt = options.interrupt;
    const object = this.io.createDevice(interrupt?.vector ?? 0, interrupt?.level ?? 0);
    const device: Device = { index: this.io.devices.length - 1, object };
    if (interrupt !== undefined) {
      const cpus = (interrupt.cpus ?? this.cpus).map((n) => x.cpus[n % x.cpus.length]!);
      const source = new InterruptSource(x.sources.length, object, interrupt.vector, interrupt.level, interrupt.count, cpus, interrupt.data ?? ((n) => n + 1));
      x.sources.push(source);
      const state = object.state as { source: InterruptSource | null };
      state.source = source;
    }
    const addDevice = this.io.routine('AddDevice');
    if (addDevice === undefined) return this.fail('DriverEntry did not set DriverObject.DriverExtension.AddDevice');
    await x.gate(this.boot);
    const mark = this.mark();
    const outcome = await x.invoke(this.boot, addDevice.id, 'AddDevice', addDevice.name, [[this.io.driver.id, true], [object.id, true]]);
    if (x.over) return null;
    if (outcome.kind === 'returned' && typeof outcome.value === 'number' && !NT_SUCCESS(outcome.value as NTSTATUS)) {
      return this.failed('AddDevice', outcome.value, mark);
    }
    // The device is started: from now on it may interrupt.
    for (const source of x.sources) {
      if (source.device !== object) continue;
      source.armed = true;
      x.bus.sync('release', this.boot, source);
    }
    return device;
  }

  /** Starts a thread with affinity to `cpu` (taken modulo the CPU count) running `body`. */
  thread(name: string, cpu: number, body: (t: ThreadApi) => Promise<void>): ThreadHandle {
    const x = this.x;
    const target = x.cpus[((cpu % x.cpus.length) + x.cpus.length) % x.cpus.length]!;
    const ctx = x.startThread(this.boot, name, target, async (self) => {
      await body(new ThreadApi(this.io, self, this.assertions));
      this.live.delete(self);
      x.bus.sync('release', self, self);
      const joining = this.joining;
      if (joining !== null && (joining.ctx === self || (joining.ctx === null && this.live.size === 0))) joining.wake();
    });
    this.live.add(ctx);
    return { name, ctx };
  }

  /**
   * Waits until `thread` has finished — or, without it, every thread started
   * so far; their work happens before what follows. Only `run` (the boot
   * thread) may join. Joining a thread that has finished returns at once.
   */
  async join(thread?: ThreadHandle): Promise<void> {
    const x = this.x;
    if (thread !== undefined && (typeof thread !== 'object' || thread === null || !('ctx' in thread))) throw new TypeError('join(thread): pass what sim.thread returned, or nothing to join every thread');
    const threads = thread === undefined ? [...this.live] : [thread.ctx];
    const waiting = thread === undefined ? this.live.size > 0 : this.live.has(thread.ctx);
    if (waiting) {
      const woken = x.block(this.boot, thread === undefined ? 'the scenario threads to finish' : `thread ${thread.name} to finish`);
      this.joining = {
        ctx: thread?.ctx ?? null,
        wake: () => {
          this.joining = null;
          x.wake(this.boot);
        },
      };
      await woken;
    }
    for (const ctx of threads) x.bus.sync('acquire', this.boot, ctx);
  }

  /** Runs DriverUnload, if the driver set one (after joining the threads). */
  async unload(): Promise<void> {
    await this.join();
    const unload = this.io.routine('DriverUnload');
    if (unload === undefined) return;
    await this.x.gate(this.boot);
    await this.x.invoke(this.boot, unload.id, 'unload', unload.name, [[this.io.driver.id, true]]);
  }

  /** Where the machine stands before a start routine runs: the failures injected and the objects made so far. */
  private mark(): { readonly injected: number; readonly objects: number } {
    return { injected: this.x.faults.injected, objects: this.x.memory.count };
  }

  /**
   * Start routine `routine` returned error `status`. After a call injected to
   * fail while it ran, that is the right answer if it undid its work (freed
   * the pool it allocated, disconnected what it connected): the device is
   * simply not started. Otherwise the driver failed to start (`setup`).
   */
  private failed(routine: string, status: number, mark: { readonly injected: number; readonly objects: number }): null {
    const x = this.x;
    const returned = `${routine} returned 0x${(status >>> 0).toString(16)}`;
    if (x.faults.injected === mark.injected) return this.fail(returned);
    const left: string[] = [];
    for (let id = mark.objects + 1; id <= x.memory.count; id++) {
      const object = x.memory.get(id);
      if (object?.label === 'pool' && !object.freed) left.push(`${object.path} (ExAllocatePool2) was never freed`);
    }
    for (const source of x.sources) {
      if (source.connected !== null && source.connected.connected && source.connected.object.id > mark.objects) left.push(`the interrupt it connected (vector 0x${source.vector.toString(16)}) was never disconnected`);
    }
    if (left.length > 0) return this.fail(`${returned} after a call was made to fail (injected), but did not undo its work: ${left.join('; ')}`);
    this.declined = returned;
    return null;
  }

  private fail(message: string): null {
    this.report(SETUP_INVARIANT, message);
    return null;
  }
}
