/**
 * Judging a fixed sequence of requests (a scenario's edge phase: short
 * reads, too-small buffers, unknown codes) against the answers its README
 * gives them.
 */
import type { IrpResult } from '../machine/index.js';

/** One request of a fixed sequence, and the completion the README gives it. */
export interface ExpectedAnswer {
  /** The request, as a student reads it: `a read of 1 word (below the minimum of 2)`. */
  readonly what: string;
  readonly status: number;
  readonly information: number;
}

const hex = (status: number): string => `0x${(status >>> 0).toString(16)}`;

/**
 * Compares the IRPs one scenario thread sent (`s.sentBy(thread)`, in order)
 * with the answers expected, the n-th IRP with the n-th answer: `null` when
 * every one was completed with its status and Information, else a message
 * naming the first that was not (never completed, never sent, or answered
 * otherwise). IRPs past the expected ones are not judged.
 */
export function answerProblem(irps: readonly IrpResult[], expected: readonly ExpectedAnswer[], thread: string): string | null {
  for (const [n, answer] of expected.entries()) {
    const irp = irps[n];
    if (irp === undefined || !irp.completed) return `${answer.what} (thread ${thread}) was never completed`;
    if (irp.status !== answer.status || irp.information !== answer.information) {
      return `${answer.what} (IRP #${irp.number}, thread ${thread}) completed with status ${hex(irp.status)} and Information ${irp.information}; expected ${hex(answer.status)} and ${answer.information}`;
    }
  }
  return null;
}
