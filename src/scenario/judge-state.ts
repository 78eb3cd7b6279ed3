/**
 * Judging the driver's state — on the final state (an invariant) or in the
 * middle of a thread (an assertion) — as one `invariant` event.
 */
import type { Cell, Execution, InvariantEvent } from '../machine/index.js';
import type { FinalState } from './final-state.js';

/**
 * What a judge returns: `true` when it holds, else a message (or `false`);
 * `null` when this schedule gives it nothing to judge (the case it is about
 * never arose — no edge phase was sent, say): no evidence either way.
 */
export type Verdict = boolean | string | null;

/** The driver's last writes to the fields a judge read, most recent first (at most 3). */
export function lastWrites(x: Execution, cells: readonly Cell[]): NonNullable<InvariantEvent['writes']> {
  const written = [...new Set(cells)].filter((cell) => cell.writer !== null).sort((a, b) => b.writtenAt - a.writtenAt);
  return written.slice(0, 3).map((cell) => ({ path: x.memory.fieldPath(cell.object, cell.key), routine: cell.writer!, cpu: cell.writerCpu, seq: cell.writtenAt }));
}

/**
 * Runs `judge` on `state` and returns the `invariant` event that reports it
 * under `name`: a failure carries the judge's message (or `fallback`) and the
 * last writes to the fields it read. What `judge` throws propagates.
 */
export function judgeState(x: Execution, state: FinalState, name: string, judge: () => Verdict, fallback = `${name} does not hold`): InvariantEvent {
  const { value: verdict, cells } = state.watch(judge);
  if (verdict === true) return { type: 'invariant', name, passed: true, message: '' };
  if (verdict === null) return { type: 'invariant', name, passed: true, message: '', idle: true };
  const message = typeof verdict === 'string' ? verdict : fallback;
  return { type: 'invariant', name, passed: false, message, writes: lastWrites(x, cells) };
}
