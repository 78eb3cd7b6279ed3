/**
 * `spinlab/scenario`: the workload API for `graders/<id>/scenario.ts`.
 *
 * ```ts
 * import { defineScenario } from 'spinlab/scenario';
 * export default defineScenario({
 *   title: 'writers count under one lock',
 *   // Drawn per schedule, before the driver runs: no constant can match it.
 *   workload: (draw) => ({ writes: draw.int(2, 4) }),
 *   async run(sim, w) {
 *     const device = await sim.start();
 *     if (device === null) return;
 *     for (const cpu of sim.cpus) sim.thread(`writer${cpu}`, cpu, async (t) => {
 *       for (let n = 0; n < w.writes; n++) await t.write(device, [1]);
 *     });
 *     await sim.join();
 *   },
 *   invariants: {
 *     count: (s, w) => s.ext.Count === 4 * w.writes || `Count is ${String(s.ext.Count)}, expected ${4 * w.writes}`,
 *   },
 * });
 * ```
 */
export { answerProblem, type ExpectedAnswer } from './answers.js';
export { BUILT_IN_INVARIANTS, defineScenario, judgedNames, type Invariant, type ScenarioDefinition } from './define.js';
export type { AssertCondition } from './assertion.js';
export type { Verdict } from './judge-state.js';
export { Draw } from './draw.js';
export { FinalState, type Snapshot } from './final-state.js';
export { Simulation, ThreadApi, type Device, type DeviceOptions, type ThreadHandle } from './simulation.js';
export { prepareScenario, type ScenarioRun } from './run.js';
export { ScenarioThrew, undecidedBy, type Undecided, type UndecidedCause, type UndecidedSchedule } from './undecided.js';
export type { IrpResult, IrpSpec } from '../machine/index.js';
export * from '../kernel/codes.js';
export * from '../kernel/ntstatus.js';
export * from '../kernel/irql.js';
