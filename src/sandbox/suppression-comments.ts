/**
 * Suppression comments earn nothing: in the copy tsc checks, every
 * `@ts-ignore`, `@ts-expect-error` and `@ts-nocheck` is defused, so the
 * errors they would hide are reported. tsc 7 honours `@ts-nocheck` in any
 * case and both others with anything after them (`// @ts-ignorefoo`
 * suppresses), so every occurrence is defused, in any case, whatever
 * follows — in comments, strings or code alike (elsewhere than a comment
 * the change is inert).
 */

const DIRECTIVES = ['ignore', 'expect-error', 'nocheck'];

/** `@ts-ignore` → `@ts_ignore` (the same length, so every place stays where it was). One pass. */
export function defuseSuppressions(text: string): string {
  let out = '';
  let copied = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (text.slice(at + 1, at + 4).toLowerCase() !== 'ts-') continue;
    const rest = text.slice(at + 4, at + 4 + 'expect-error'.length).toLowerCase();
    if (!DIRECTIVES.some((directive) => rest.startsWith(directive))) continue;
    out += `${text.slice(copied, at)}@ts_`;
    copied = at + 4;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
