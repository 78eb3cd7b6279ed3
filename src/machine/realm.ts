/**
 * Where student code runs. The machine talks to it only through the bridge
 * (primitives both ways): in tests, the same realm as the machine
 * ({@link LocalRealm}); in the sandbox, a locked-down `vm` context.
 */
import { createGuestControl, installGuest } from '../kernel/guest/index.js';
import type { BridgeMarkers, GuestControl, HostBridge } from '../kernel/protocol.js';

/** A position in the driver as V8 reports it (the bundle's line and column, 1-based). */
export interface RawSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /**
   * The student frames below it on the stack, innermost first, when there
   * are any: where the routine the kernel called stands while a helper of
   * its own makes the call (a `return` is found in the routine, not the helper).
   */
  readonly callers?: readonly RawSite[];
}

/** A realm that can run the driver, fresh for every schedule. */
export interface GuestRealm {
  /**
   * Starts a fresh copy of the driver for one schedule, connected to
   * `bridge`. `seed` is the schedule's: a realm must never let the driver
   * learn it (the scenario draws the workload from it). Returns the guest's
   * controls.
   */
  start(bridge: HostBridge, markers: BridgeMarkers, seed: number): GuestControl;
  /** The first student frame in a V8 stack trace, if any. */
  locate(stack: string): RawSite | undefined;
}

/**
 * A realm that is the machine's own: the driver is a module (or a module
 * factory) importing `src/kernel` directly. For tests and benchmarks; not a
 * sandbox.
 */
export class LocalRealm implements GuestRealm {
  /**
   * @param driver the driver module, or a function making a fresh one per schedule
   * @param files  substrings of file paths that count as student code in stacks
   */
  constructor(
    private readonly driver: Readonly<Record<string, unknown>> | (() => Readonly<Record<string, unknown>>),
    private readonly files: readonly string[] = [],
  ) {}

  start(bridge: HostBridge, markers: BridgeMarkers): GuestControl {
    installGuest(bridge, markers);
    const module = typeof this.driver === 'function' ? this.driver() : this.driver;
    return createGuestControl(module);
  }

  locate(stack: string): RawSite | undefined {
    return locateInStack(stack, (file) => this.files.some((f) => file.includes(f)));
  }
}

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/**
 * The first stack frame whose file satisfies `isStudent` (and, if given,
 * whose position satisfies `isStudentAt`: a bundle holds spinlab's code too),
 * with the student frames below it as its `callers`.
 */
export function locateInStack(
  stack: string,
  isStudent: (file: string) => boolean,
  isStudentAt: (line: number, column: number) => boolean = () => true,
): RawSite | undefined {
  const found: RawSite[] = [];
  for (const text of stack.split('\n')) {
    if (!text.trimStart().startsWith('at ')) continue;
    const match = FRAME.exec(text);
    if (match === null) continue;
    const file = match[1]!;
    const line = Number(match[2]);
    const column = Number(match[3]);
    if (isStudent(file) && isStudentAt(line, column)) found.push({ file, line, column });
  }
  const [first, ...callers] = found;
  return first === undefined || callers.length === 0 ? first : { ...first, callers };
}
