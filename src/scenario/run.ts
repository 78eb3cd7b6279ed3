/** Running a scenario in one execution, and judging the final state. */
import type { GuestControl } from '../kernel/protocol.js';
import { IoManager, type Context, type Execution, type ExecutionOutcome } from '../machine/index.js';
import type { ScenarioDefinition } from './define.js';
import { FinalState } from './final-state.js';
import { Simulation } from './simulation.js';

/** A scenario prepared for one execution. */
export interface ScenarioRun {
  /** The boot thread's body. */
  main(boot: Context): Promise<void>;
  /**
   * After a schedule that ended normally: reports, as `invariant` events, the
   * built-in invariants (`progress`: nothing waits forever; `irps-completed`:
   * every IRP was completed) and the scenario's own.
   */
  judge(outcome: ExecutionOutcome): void;
}

/** Prepares `scenario` to run in `x`, whose guest is `control`. */
export function prepareScenario(x: Execution, scenario: ScenarioDefinition, control: GuestControl): ScenarioRun {
  const io = new IoManager(x);
  const report = (name: string, message: string): void => x.emit({ type: 'invariant', name, passed: false, message });
  let exports: Record<string, number> = {};
  try {
    exports = JSON.parse(control.exports()) as Record<string, number>;
  } catch {
    exports = {};
  }
  return {
    async main(boot) {
      await scenario.run(new Simulation(x, io, boot, exports, report));
    },
    judge(outcome) {
      if (outcome.stopped !== null || outcome.internalFailure !== null) return;
      const hung = x.contexts.filter((c) => !c.done);
      const waits = hung.map((c) => `${c.name} on CPU ${c.cpu.id} waits for ${c.waitingFor ?? 'something that never happens'}`);
      x.emit({ type: 'invariant', name: 'progress', passed: waits.length === 0, message: waits.join('; ') });
      const lost = io.results().filter((irp) => !irp.completed);
      x.emit({
        type: 'invariant',
        name: 'irps-completed',
        passed: lost.length === 0,
        message: lost.map((irp) => `IRP #${irp.number} was never completed`).join('; '),
      });
      if (hung.length > 0) return;
      const state = new FinalState(x.memory, io);
      for (const [name, invariant] of Object.entries(scenario.invariants ?? {})) {
        let verdict: boolean | string;
        try {
          verdict = invariant(state);
        } catch (error) {
          verdict = `the invariant could not be evaluated: ${error instanceof Error ? error.message : String(error)}`;
        }
        const passed = verdict === true;
        x.emit({ type: 'invariant', name, passed, message: passed ? '' : typeof verdict === 'string' ? verdict : `${name} does not hold` });
      }
    },
  };
}
