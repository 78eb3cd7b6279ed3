/**
 * Injected resource failures, after Driver Verifier's Low Resources
 * Simulation: each faultable kernel call (ExAllocatePool2,
 * IoConnectInterrupt) is counted by site, and — when the strategy's picker
 * decides faults — asks it whether to fail; the answer is one more choice in
 * the execution's choice stream (two options: 0 succeed, 1 fail), so the
 * schedule code replays it exactly.
 */
import type { Context, PendingCall } from './context.js';
import type { Execution } from './execution.js';

/** What the execution keeps about its faultable calls. */
export class FaultLedger {
  /** Per site: how many faultable calls it made in this execution so far. */
  readonly sites = new Map<string, number>();
  /** How many calls were made to fail in this execution so far. */
  injected = 0;
  /** Per frame id and call name: how many such calls the frame made (a call's ordinal within its routine). */
  private readonly ordinals = new Map<string, number>();

  constructor(
    private readonly x: Execution,
    /** Records a fault decision in the execution's choice stream. */
    private readonly record: (failed: boolean) => void,
  ) {}

  /**
   * Counts faultable call `what` and decides whether it fails: only when the
   * picker decides faults, as a recorded choice, with a timeline line when it fails.
   */
  inject(ctx: Context, call: PendingCall, what: string): boolean {
    const { site, occurrence } = this.count(ctx, call, what);
    const x = this.x;
    if (x.picker.fail === undefined) return false;
    const failed = x.picker.fail(site, occurrence) === true;
    this.record(failed);
    x.trace.mix(failed ? 0xfa11 : 0x0c);
    if (!failed) return false;
    this.injected++;
    x.trace.record(x, ctx, 'call', `${what} failed (injected)`, undefined, call.seq);
    return true;
  }

  /**
   * Counts one faultable call `what` made by `ctx` and returns its site and
   * occurrence. The site is the routine the kernel called (the dispatch
   * routine, the DPC, AddDevice…), the call, and its ordinal among that
   * routine invocation's calls of the same name: `DispatchWrite ExAllocatePool2 #2`
   * is each write's second allocation. Cheap (no stack capture), and the
   * same in every interleaving of the same requests.
   */
  private count(ctx: Context, call: PendingCall, what: string): { readonly site: string; readonly occurrence: number } {
    const frame = call.frame;
    const key = `${frame?.id ?? -1}|${what}`;
    const ordinal = (this.ordinals.get(key) ?? 0) + 1;
    this.ordinals.set(key, ordinal);
    const site = `${frame?.routine ?? ctx.routine} ${what} #${ordinal}`;
    const occurrence = (this.sites.get(site) ?? 0) + 1;
    this.sites.set(site, occurrence);
    return { site, occurrence };
  }
}
