/** Running a scenario in one execution, and judging the final state. */
import type { GuestControl } from '../kernel/protocol.js';
import { IoManager, type Context, type Execution, type ExecutionOutcome, type StopReason } from '../machine/index.js';
import { Assertions } from './assertion.js';
import type { ScenarioDefinition } from './define.js';
import { Draw } from './draw.js';
import { FinalState } from './final-state.js';
import { judgeState } from './judge-state.js';
import { Simulation, type ThreadApi, type ThreadHandle } from './simulation.js';
import { ScenarioThrew, undecidedBy, type Undecided } from './undecided.js';


/** A scenario prepared for one execution. */
export interface ScenarioRun {
  /** The boot thread's body. */
  main(boot: Context): Promise<void>;
  /**
   * After a schedule: reports, as `invariant` events, the built-in
   * invariants (`progress`: nothing waits forever; `irps-completed`: every
   * IRP was completed) and the scenario's own. A schedule stopped by a bug
   * check, deadlock or hang never reached a final state: every invariant
   * fails for it. Returns why the schedule is undecided — the scenario's
   * code threw, an invariant threw (it is not reported, as failing or
   * passing), spinlab failed — or null when it was decided.
   */
  judge(outcome: ExecutionOutcome): Undecided | null;
}

/** The simulation a scenario drives, whose thread bodies' exceptions are tagged as the scenario's. */
class ScenarioSimulation extends Simulation {
  override thread(name: string, cpu: number, body: (t: ThreadApi) => Promise<void>): ThreadHandle {
    return super.thread(name, cpu, async (t) => {
      try {
        await body(t);
      } catch (error) {
        throw new ScenarioThrew(error);
      }
    });
  }
}

/** A few words on why a schedule stopped. */
function describeStop(reason: StopReason): string {
  switch (reason.kind) {
    case 'bug-check':
      return `bug check ${reason.code}`;
    case 'threw':
      return `${reason.frame.routine} threw`;
    case 'self-deadlock':
      return `a CPU spins forever on ${reason.lock.name}`;
    case 'deadlock':
      return 'deadlock';
    case 'step-limit':
      return 'step budget exhausted';
    case 'stuck':
      return `${reason.ctx.routine} never resumes`;
    case 'load-failed':
      return 'the driver failed to load';
  }
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
  // This schedule's workload: drawn before the driver runs, seen by `run` and every invariant.
  let workload: unknown;
  const assertions = new Assertions(x, io, new Set(scenario.assertions ?? []));
  let simulation: ScenarioSimulation | null = null;
  return {
    async main(boot) {
      try {
        workload = scenario.workload?.(new Draw(() => x.picker.nextRandom()));
        simulation = new ScenarioSimulation(x, io, boot, exports, report, assertions);
        await scenario.run(simulation, workload);
      } catch (error) {
        throw new ScenarioThrew(error);
      }
    },
    judge(outcome) {
      const failure = outcome.internalFailure;
      if (failure !== null) return undecidedBy(failure instanceof ScenarioThrew ? 'scenario' : 'internal', failure);
      // An assertion not failed by then is judged as an invariant is: it cannot be said to hold.
      const own = [...Object.keys(scenario.invariants ?? {}), ...assertions.notFailed()];
      // A workload that never reached a final state: no invariant can be said to hold.
      const unreached = (names: readonly string[], message: string): void => {
        for (const name of names) x.emit({ type: 'invariant', name, passed: false, message: `not reached: ${message}`, unreached: true });
      };
      if (outcome.stopped !== null) {
        unreached(['progress', 'irps-completed', ...own], `the schedule stopped (${describeStop(outcome.stopped)}) before the workload finished`);
        return null;
      }
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
      if (hung.length > 0) {
        unreached(own, `the workload never finished (${waits[0] ?? 'a context waits forever'})`);
        return null;
      }
      // The driver correctly declined to start after an injected failure: no workload ran, and nothing is owed — nor shown.
      if (simulation?.declined != null) {
        for (const name of own) x.emit({ type: 'invariant', name, passed: true, message: '', idle: true });
        return null;
      }
      const state = new FinalState(x.memory, io, x.faults.injected);
      let undecided: Undecided | null = null;
      for (const [name, invariant] of Object.entries(scenario.invariants ?? {})) {
        try {
          x.emit(judgeState(x, state, name, () => invariant(state, workload)));
        } catch (error) {
          // The author's bug, not the student's: this invariant says nothing about this schedule.
          undecided ??= undecidedBy('invariant', error, name);
        }
      }
      return undecided;
    },
  };
}
