/**
 * The `/// <reference path="…">` and `/// <reference types="…">` directives
 * of a file, wherever they are. The type-check runs with `noResolve`, so
 * tsc follows none of them (it reads no file they name), and tsc honours
 * one only in the comments that open a file; but an editor follows those,
 * so the grader and the editor would check different files. Each is
 * reported instead, wherever it stands, so the rule is simple: no
 * reference directives, import what you use. A `lib` reference is
 * TypeScript's own library and stays.
 *
 * One pass: each `<reference` is looked at once, with the whitespace just
 * before it and the text up to the end of its line or the next
 * `<reference`, whichever is first.
 */

/** A `/// <reference>` directive naming a file or a types package, at `offset` (its `///`). */
export interface ReferenceDirective {
  readonly offset: number;
  /** The directive's text, at most 120 characters. */
  readonly text: string;
}

const TAG = '<reference';
const LINE_END = /[\n\r\u2028\u2029]/;

/** Whitespace as tsc skips it: ECMAScript's, NEL and U+200B as well. */
function isSpace(c: string): boolean {
  return /\s/.test(c) || c === '\u0085' || c === '\u200b';
}

/** Every `/// <reference …>` in `text` with a `path` or `types` in it (any case). */
export function referenceDirectives(text: string): ReferenceDirective[] {
  const tags: number[] = [];
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    if (text.slice(at, at + TAG.length).toLowerCase() === TAG) tags.push(at);
  }
  const found: ReferenceDirective[] = [];
  tags.forEach((at, index) => {
    let start = at;
    while (start > 0 && isSpace(text[start - 1]!) && !LINE_END.test(text[start - 1]!)) start--;
    const slashes = start >= 3 && text.startsWith('///', start - 3);
    let end = at + TAG.length;
    const limit = tags[index + 1] ?? text.length;
    while (end < limit && !LINE_END.test(text[end]!)) end++;
    const attributes = text.slice(at + TAG.length, end).toLowerCase();
    if (slashes && isSpace(text[at + TAG.length] ?? 'x') && (attributes.includes('path') || attributes.includes('types'))) {
      found.push({ offset: start - 3, text: text.slice(start - 3, Math.min(end, start + 117)) });
    }
  });
  return found;
}
