/**
 * What a grader's `scenario.ts` exports: the workload that makes an
 * exercise's rule matter, and the invariants the driver's final state must
 * satisfy.
 */
import type { FinalState } from './final-state.js';
import type { Simulation } from './simulation.js';

/**
 * An invariant on the final state: return `true` when it holds, or a
 * message (or `false`) when it does not. Invariants run only after a
 * schedule that finished normally (no bug check, deadlock or hang).
 */
export type Invariant = (state: FinalState) => boolean | string;

/** A scenario. */
export interface ScenarioDefinition {
  /** One line on what the workload does, for reports. */
  readonly title: string;
  /** CPUs to simulate when the rubric does not say (default 4). */
  readonly cpus?: number;
  /**
   * The workload, run once per schedule as the boot thread on CPU 0 at
   * PASSIVE_LEVEL: start the driver, start threads, declare interrupts, wait
   * for the threads. When DPCs run and interrupts arrive is the strategy's
   * choice, not the scenario's.
   */
  run(sim: Simulation): Promise<void>;
  /** Invariants by name (rubric items select them with `name`). */
  readonly invariants?: Readonly<Record<string, Invariant>>;
}

/** Declares a scenario (checks its shape; returns it unchanged). */
export function defineScenario(definition: ScenarioDefinition): ScenarioDefinition {
  if (typeof definition !== 'object' || definition === null) throw new TypeError('defineScenario: pass an object.');
  if (typeof definition.run !== 'function') throw new TypeError('defineScenario: `run(sim)` is required.');
  if (typeof definition.title !== 'string' || definition.title === '') throw new TypeError('defineScenario: `title` is required.');
  if (definition.cpus !== undefined && !(Number.isInteger(definition.cpus) && definition.cpus >= 1 && definition.cpus <= 64)) {
    throw new TypeError('defineScenario: `cpus` must be an integer from 1 to 64.');
  }
  for (const [name, invariant] of Object.entries(definition.invariants ?? {})) {
    if (typeof invariant !== 'function') throw new TypeError(`defineScenario: invariant \`${name}\` must be a function.`);
  }
  return definition;
}
