/**
 * What a grader's `scenario.ts` exports: the workload that makes an
 * exercise's rule matter, and the invariants the driver's final state must
 * satisfy.
 */
import type { Draw } from './draw.js';
import type { FinalState } from './final-state.js';
import { SETUP_INVARIANT, type Simulation } from './simulation.js';

/**
 * The invariants every scenario reports besides its own: `progress` (nothing
 * waits forever), `irps-completed` (every IRP was completed), and `setup`
 * (the driver could not be started).
 */
export const BUILT_IN_INVARIANTS: readonly string[] = ['progress', 'irps-completed', SETUP_INVARIANT];

/**
 * An invariant on the final state: return `true` when it holds, or a
 * message (or `false`) when it does not. Invariants run only after a
 * schedule that finished normally (no bug check, deadlock or hang). The
 * second argument is the workload this schedule ran (what the scenario's
 * `workload(draw)` returned): compare the final state with it, never with
 * a constant. Return `null` when this schedule gives it nothing to judge
 * (the case it is about never arose): that is no evidence, and an item
 * passes only if some schedule judged its invariant.
 */
export type Invariant<W = unknown> = InvariantMethod<W>['judge'];

// Declared as a method, so that a scenario with a typed workload is still a `ScenarioDefinition` (methods compare bivariantly).
interface InvariantMethod<W> {
  judge(state: FinalState, workload: W): boolean | string | null;
}

/** A scenario whose workload (drawn per schedule) is a `W`. */
export interface ScenarioDefinition<W = unknown> {
  /** One line on what the workload does, for reports. */
  readonly title: string;
  /** CPUs to simulate when the rubric does not say (default 4). */
  readonly cpus?: number;
  /**
   * Draws this schedule's workload — how many threads, which requests, which
   * lengths and values — from `draw`, before the driver runs. The value it
   * returns is handed to `run` and to every invariant, so both see the same
   * workload. The draw comes from the schedule's seed: different in every
   * schedule, the same when a schedule code is replayed. Without it the
   * workload is `undefined`.
   */
  workload?(draw: Draw): W;
  /**
   * The workload, run once per schedule as the boot thread on CPU 0 at
   * PASSIVE_LEVEL: start the driver, start threads, declare interrupts, wait
   * for the threads. When DPCs run and interrupts arrive is the strategy's
   * choice, not the scenario's.
   */
  run(sim: Simulation, workload: W): Promise<void>;
  /** Invariants by name (rubric items select them with `name`). */
  readonly invariants?: Readonly<Record<string, Invariant<W>>>;
  /**
   * The names of the assertions `run` and its threads make with
   * `t.assert(name, …)` / `sim.assert(name, …)` in the middle of the
   * schedule. Rubric items select them with `check: "invariant", name` as
   * they select invariants; a name not declared here is the scenario's bug.
   */
  readonly assertions?: readonly string[];
}

/**
 * Declares a scenario (checks its shape; returns it unchanged). Put
 * `workload` first in the object, so that `run` and the invariants get its
 * type.
 */
export function defineScenario<W = undefined>(definition: ScenarioDefinition<W>): ScenarioDefinition<W> {
  if (typeof definition !== 'object' || definition === null) throw new TypeError('defineScenario: pass an object.');
  if (typeof definition.run !== 'function') throw new TypeError('defineScenario: `run(sim)` is required.');
  if (typeof definition.title !== 'string' || definition.title === '') throw new TypeError('defineScenario: `title` is required.');
  if (definition.workload !== undefined && typeof definition.workload !== 'function') throw new TypeError('defineScenario: `workload(draw)` must be a function.');
  if (definition.cpus !== undefined && !(Number.isInteger(definition.cpus) && definition.cpus >= 1 && definition.cpus <= 64)) {
    throw new TypeError('defineScenario: `cpus` must be an integer from 1 to 64.');
  }
  for (const [name, invariant] of Object.entries(definition.invariants ?? {})) {
    if (typeof invariant !== 'function') throw new TypeError(`defineScenario: invariant \`${name}\` must be a function.`);
  }
  const assertions: unknown = definition.assertions;
  if (assertions !== undefined && (!Array.isArray(assertions) || !assertions.every((name) => typeof name === 'string' && name !== ''))) {
    throw new TypeError('defineScenario: `assertions` must be an array of names.');
  }
  const taken = new Set([...BUILT_IN_INVARIANTS, ...Object.keys(definition.invariants ?? {})]);
  for (const name of definition.assertions ?? []) {
    if (taken.has(name)) throw new TypeError(`defineScenario: assertion \`${name}\` is declared twice, or is also an invariant's name.`);
    taken.add(name);
  }
  return definition;
}

/**
 * Every name a rubric item's `name` may select in `scenario`: the built-in
 * invariants, its invariants, its assertions.
 */
export function judgedNames(scenario: ScenarioDefinition): string[] {
  return [...BUILT_IN_INVARIANTS, ...Object.keys(scenario.invariants ?? {}), ...(scenario.assertions ?? [])];
}
