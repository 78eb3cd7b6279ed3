/**
 * Limits on text a submission controls, applied where it enters the grader
 * (a thrown value's description, an invariant's message) and again where a
 * result is made: whatever a driver throws or names, one string costs a few
 * kilobytes, never megabytes copied into every item of every report.
 */

/** A thrown value's message, as the child and the guest describe it. */
export const THROWN_MESSAGE_CHARS = 500;
/** A thrown value's stack. */
export const THROWN_STACK_CHARS = 4_000;
/** A name the student chose (a routine's, a function's). */
export const NAME_CHARS = 200;
/** A message built around student text (a finding's, an invariant's, the sandbox's reason for stopping). */
export const MESSAGE_CHARS = 2_000;

/** Room kept for the `… [N more characters]` note, so a capped text is at most its cap and capping it again changes nothing. */
const NOTE_CHARS = 32;

/**
 * `text` itself when it has at most `max` characters (UTF-16 units); else
 * its start with `… [N more characters]`, at most `max` in all (for a cap
 * below 64, the start is cut to `max` and the note comes on top). Never
 * splits a surrogate pair.
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let keep = max >= 2 * NOTE_CHARS ? max - NOTE_CHARS : max;
  if (keep > 0 && /[\ud800-\udbff]/.test(text[keep - 1]!)) keep--;
  return `${text.slice(0, keep)}… [${text.length - keep} more characters]`;
}
