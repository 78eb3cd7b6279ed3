/** Runs one execution of a driver under a scenario: the machine, the bridge, the guest, the scenario. */
import { capText, THROWN_MESSAGE_CHARS, THROWN_STACK_CHARS } from '../text-cap.js';
import { createHostBridge, createMarkers, Execution, ntKernel, type EventBus, type ExecutionOutcome, type GuestRealm } from '../machine/index.js';
import { prepareScenario, type ScenarioDefinition, type Undecided } from '../scenario/index.js';
import type { PrintSite } from './schedule-output.js';
import type { ExecutionPlan } from './strategy.js';

/** What one execution needs. */
export interface RunOptions {
  readonly realm: GuestRealm;
  readonly scenario: ScenarioDefinition;
  readonly plan: ExecutionPlan;
  readonly cpus: number;
  readonly maxSteps: number;
  /** The checks' observers, made once per exploration. */
  readonly bus: EventBus;
  /** Called once the execution exists, before it runs (checks reset per-schedule state). */
  readonly onStart?: (x: Execution) => void;
  readonly capture: boolean;
  readonly timeline: boolean;
  /** See {@link ExecutionOptions.accessPoints} (default true). */
  readonly accessPoints?: boolean;
  /** What the driver printed, with the CPU and routine running when it printed it. */
  readonly print: (text: string, site: PrintSite) => void;
}

/** An execution's outcome with its entropy seed (everything its schedule code needs). */
export interface RunOutcome extends ExecutionOutcome {
  readonly seed: number;
  /** Why the grader could not decide this schedule (the scenario or an invariant threw, spinlab failed), or null. */
  readonly undecided: Undecided | null;
}

/** Runs one execution to its end. */
export async function runExecution(options: RunOptions): Promise<RunOutcome> {
  const { plan } = options;
  const x = new Execution({
    cpus: options.cpus,
    maxSteps: options.maxSteps,
    picker: plan.picker,
    realm: options.realm,
    bus: options.bus,
    kernel: ntKernel,
    capture: options.capture,
    trace: options.timeline,
    seed: plan.seed,
    accessPoints: options.accessPoints !== false,
  });
  options.onStart?.(x);
  const markers = createMarkers();
  const bridge = createHostBridge(x, markers, (text) => options.print(text, printSite(x)));
  let control;
  try {
    control = options.realm.start(bridge, markers, plan.seed);
  } catch (error) {
    const { message, stack } = describeLoadError(error);
    x.stop({ kind: 'load-failed', message, stack });
    const outcome = await x.run({} as never, async () => undefined);
    // The driver's own failure: decided (every item fails for this schedule).
    return { ...outcome, seed: plan.seed, undecided: null };
  }
  const scenario = prepareScenario(x, options.scenario, control);
  const outcome = await x.run(control, (boot) => scenario.main(boot));
  const undecided = scenario.judge(outcome);
  // Judged: nothing reads this schedule's memory again (see Memory.release).
  x.memory.release();
  return { ...outcome, seed: plan.seed, undecided };
}

/** The message and stack of an error thrown while loading the driver (it may come from another realm), capped as the guest caps what a routine throws. */
function describeLoadError(error: unknown): { message: string; stack: string } {
  try {
    if (typeof error === 'object' && error !== null && 'message' in error) {
      const e = error as { name?: unknown; message?: unknown; stack?: unknown };
      return { message: capText(`${String(e.name ?? 'Error')}: ${String(e.message)}`, THROWN_MESSAGE_CHARS), stack: capText(String(e.stack ?? ''), THROWN_STACK_CHARS) };
    }
    return { message: capText(String(error), THROWN_MESSAGE_CHARS), stack: '' };
  } catch {
    return { message: 'an error that cannot be described', stack: '' };
  }
}

/** The CPU and routine running in `x` now. */
function printSite(x: Execution): PrintSite {
  const ctx = x.executing;
  return ctx === null ? { cpu: null, routine: null } : { cpu: ctx.cpu.id, routine: ctx.routine };
}
