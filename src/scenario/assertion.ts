/**
 * Assertions in the middle of a thread (`t.assert`, `sim.assert`): a check
 * made at that point of the schedule — on what an IRP returned, or on the
 * driver's state at that moment — reported as an invariant is, under a name
 * the scenario declares in `assertions`, so a rubric item selects it with
 * `check: "invariant", name`.
 *
 * A failing assertion is recorded and the thread goes on (`assert` returns
 * false, so a thread that cannot sensibly continue can return): the rest of
 * the schedule is still judged — its data races, its lock misuse, its final
 * state — so one failed assertion does not turn every other item of the
 * schedule into "not reached", as a stop would.
 */
import type { Execution, IoManager } from '../machine/index.js';
import { FinalState } from './final-state.js';
import { judgeState, type Verdict } from './judge-state.js';

/** What `assert` checks: a value computed already, or a judge of the driver's state at this moment. */
export type AssertCondition = boolean | ((state: FinalState) => Verdict);

/** The assertions of one schedule. */
export class Assertions {
  /** The declared assertions that failed in this schedule. */
  private readonly failed = new Set<string>();

  constructor(
    private readonly x: Execution,
    private readonly io: IoManager,
    private readonly declared: ReadonlySet<string>,
  ) {}

  /**
   * Checks `condition` now, for the context named `who`; reports a failure
   * under `name` with `message` (else what the judge returned). Returns
   * whether it held. Throws a TypeError (the scenario's bug) on an
   * undeclared name or a condition that is neither a boolean nor a function.
   */
  check(who: string, name: string, condition: AssertCondition, message?: string): boolean {
    if (!this.declared.has(name)) {
      throw new TypeError(`assert: \`${name}\` is not one of the scenario's \`assertions\` (${[...this.declared].join(', ') || 'none'}); declare it there, so a rubric item can name it`);
    }
    if (typeof condition !== 'boolean' && typeof condition !== 'function') throw new TypeError(`assert(${JSON.stringify(name)}, condition): a boolean or a function of the driver's state`);
    if (message !== undefined && typeof message !== 'string') throw new TypeError(`assert(${JSON.stringify(name)}, condition, message): the message must be a string`);
    const state = new FinalState(this.x.memory, this.io, this.x.faults.injected);
    const judge = typeof condition === 'boolean' ? (): Verdict => condition : (): Verdict => condition(state);
    const event = judgeState(this.x, state, name, judge);
    if (event.passed) {
      // Reported, so the exploration knows the assertion was judged (a pass needs some schedule that did).
      this.x.emit(event);
      return true;
    }
    this.failed.add(name);
    const said = message === undefined ? event.message : typeof condition === 'function' && event.message !== `${name} does not hold` ? `${message}: ${event.message}` : message;
    this.x.emit({ ...event, message: `${said} (asserted in ${who})` });
    return false;
  }

  /** The declared assertions that have not failed in this schedule (in declaration order). */
  notFailed(): string[] {
    return [...this.declared].filter((name) => !this.failed.has(name));
  }
}
