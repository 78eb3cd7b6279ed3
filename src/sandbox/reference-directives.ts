/**
 * The `/// <reference path="…">` and `/// <reference types="…">` directives
 * of a file. tsc honours a triple-slash directive only in the comments that
 * open a file (after a byte-order mark and a `#!` line), so this reads only
 * those and stops at the first token: no string, template or regular
 * expression can be in the way. One pass over the file's opening comments.
 *
 * The type-check runs with `noResolve`, so tsc follows none of them (it
 * reads no file they name); they are reported so the student learns that
 * the grader — unlike their editor — does not add those files.
 */

/** A `/// <reference>` directive naming a file or a types package, at `offset`. */
export interface ReferenceDirective {
  readonly offset: number;
  /** The directive's text (its comment line), at most 120 characters. */
  readonly text: string;
}

/** Whitespace as tsc skips it between a file's opening comments: ECMAScript's, NEL and U+200B as well. */
function isSpace(c: string): boolean {
  return /\s/.test(c) || c === '\u0085' || c === '\u200b';
}

const LINE_END = new Set(['\n', '\r', '\u2028', '\u2029']);

/** Every reference directive naming a path or types package in the comments that open `text`. */
export function referenceDirectives(text: string): ReferenceDirective[] {
  const found: ReferenceDirective[] = [];
  let i = text.startsWith('\ufeff') ? 1 : 0;
  if (text.startsWith('#!', i)) while (i < text.length && !LINE_END.has(text[i]!)) i++;
  while (i < text.length) {
    if (isSpace(text[i]!)) i++;
    else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (text.startsWith('//', i)) {
      const start = i;
      while (i < text.length && !LINE_END.has(text[i]!)) i++;
      const comment = text.slice(start, i);
      if (namesAFile(comment)) found.push({ offset: start, text: comment.slice(0, 120) });
    } else break;
  }
  return found;
}

/** Whether a `//` comment is `/// <reference …>` with a `path` or `types` in it (any case; a `lib` reference is TypeScript's own). */
function namesAFile(comment: string): boolean {
  if (!comment.startsWith('///')) return false;
  let i = 3;
  while (i < comment.length && isSpace(comment[i]!)) i++;
  const lower = comment.toLowerCase();
  if (!lower.startsWith('<reference', i) || !isSpace(comment[i + '<reference'.length] ?? 'x')) return false;
  return lower.includes('path', i) || lower.includes('types', i);
}
