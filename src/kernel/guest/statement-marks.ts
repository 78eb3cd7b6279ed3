/**
 * Line coverage, the guest's half: one slot per statement of the student's
 * functions, set to 1 by the mark the bundle rewrite put before it
 * (src/sandbox/line-coverage.ts: `S.ran[i] = 1;`). The array is reached
 * only through the bundle's state parameter, whose name no student
 * identifier has: student code can neither read, set nor clear a mark. The
 * host sizes it once per realm and takes the marks as a string of `0` and
 * `1` (primitives only cross the bridge); they gather over every schedule
 * run in the realm.
 */

/** Slot `i` is 1 once statement `i` ran. invariant: only the marks and {@link sizeMarks} write it. */
export const ran: number[] = [];

/** Makes `count` slots, none set (one packed array of small integers: a mark is one store). */
export function sizeMarks(count: number): void {
  ran.length = 0;
  for (let i = 0; i < count; i++) ran.push(0);
}

/** The marks as a string: character `i` is `1` if statement `i` ran. */
export function takeMarks(): string {
  let text = '';
  for (let i = 0; i < ran.length; i++) text += ran[i] === 1 ? '1' : '0';
  return text;
}
