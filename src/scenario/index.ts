/**
 * `spinlab/scenario`: the workload API for `graders/<id>/scenario.ts`.
 *
 * ```ts
 * import { defineScenario } from 'spinlab/scenario';
 * export default defineScenario({
 *   title: 'Four writers count under one lock',
 *   async run(sim) {
 *     const device = await sim.start();
 *     if (device === null) return;
 *     for (const cpu of sim.cpus) sim.thread(`writer${cpu}`, cpu, async (t) => { await t.write(device, [1]); });
 *     await sim.join();
 *   },
 *   invariants: { count: (s) => s.ext.Count === 4 || `Count is ${String(s.ext.Count)}, expected 4` },
 * });
 * ```
 */
export { defineScenario, type Invariant, type ScenarioDefinition } from './define.js';
export { FinalState, type Snapshot } from './final-state.js';
export { Simulation, ThreadApi, type Device, type DeviceOptions, type ThreadHandle } from './simulation.js';
export { BUILT_IN_INVARIANTS, prepareScenario, type ScenarioRun } from './run.js';
export { ScenarioThrew, undecidedBy, type Undecided, type UndecidedCause, type UndecidedSchedule } from './undecided.js';
export type { IrpResult, IrpSpec } from '../machine/index.js';
export * from '../kernel/codes.js';
export * from '../kernel/ntstatus.js';
export * from '../kernel/irql.js';
