/**
 * What `spinlab explain` says about a check: the rule, why it matters, and
 * a wrong and a right example. The examples are real: a test runs each one
 * through the checks (src/checks/explanations/examples.test.ts) and expects
 * the wrong one to fire its check and the right one to find nothing.
 */
import type { CheckId } from '../finding.js';

/**
 * The scenario an example runs under (the check tests' own scenarios):
 * `writers` — four threads write three times each, and `Count` must end at
 * 12; `readers-writers` — two threads write while two read; `write-then-read`
 * — one thread writes, then reads; `interrupts` — a device interrupting four
 * times while two threads write (its ISR and DPC count interrupts).
 */
export type ExampleScenario = 'writers' | 'readers-writers' | 'write-then-read' | 'interrupts';

/**
 * A few routines of a driver, shown as the student would write them. They
 * run inside the usual driver around them: `interface Extension` with
 * `Lock` and `Lock2` (initialized spin locks), `Count` and `Seen` (numbers),
 * and for `interrupts` the connected `Interrupt`, its `IsrLock`, and
 * `Interrupts`, `Drained`, `Writes`; DriverEntry registering DispatchWrite
 * (and DispatchRead when the example has one); and the correct AddDevice,
 * DispatchWrite (counting under `ext.Lock`, or through
 * KeSynchronizeExecution with an interrupt), Isr and DpcForIsr — each
 * replaced by the example's own routine of that name, if it has one.
 */
export interface Example {
  readonly scenario: ExampleScenario;
  readonly code: string;
}

/** One check explained. */
export interface Explanation {
  readonly check: CheckId;
  /** What the rule is, in a sentence or two. */
  readonly rule: string;
  /** Why breaking it matters on a real machine. */
  readonly why: string;
  /** Breaks the rule: its check fires. */
  readonly wrong: Example;
  /** Keeps it: no check fires. */
  readonly right: Example;
}
