/**
 * What to underline on a source line, given the column a finding points at:
 * the expression there (a member chain like `ext.Count`, a call like
 * `KeAcquireSpinLock(ext.Lock)` with its arguments, a `return` statement),
 * else the line's code without its indentation and trailing comment. Plain
 * text work on one line: no parser, so it never fails on what a student wrote.
 */

/** Columns `from`…`to` of a line (1-based, `to` exclusive), in the source as written. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[\w$]/;

/** The span to underline at `column` (1-based) of `source`. */
export function spanAt(source: string, column: number): Span {
  let at = Math.max(0, Math.min(column - 1, source.length));
  if (source.startsWith('await ', at)) at = skipSpaces(source, at + 'await'.length);
  if (source[at] === '.' || source.startsWith('?.', at)) at += source[at] === '.' ? 1 : 2;
  if (/^return\b/.test(source.slice(at))) return { from: at + 1, to: statementEnd(source, at) + 1 };
  if (!IDENTIFIER_PART.test(source[at] ?? '')) return wholeLine(source);
  let start = at;
  while (start > 0 && IDENTIFIER_PART.test(source[start - 1]!)) start--;
  // Take in the object the member is read from: `ext.` of `ext.Count`, `this.ext?.` too.
  for (;;) {
    const dot = source[start - 1] === '.' ? (source[start - 2] === '?' ? start - 2 : start - 1) : -1;
    if (dot < 1 || !IDENTIFIER_PART.test(source[dot - 1]!)) break;
    start = dot - 1;
    while (start > 0 && IDENTIFIER_PART.test(source[start - 1]!)) start--;
  }
  if (!IDENTIFIER_START.test(source[start]!)) return wholeLine(source);
  let end = at;
  while (end < source.length && IDENTIFIER_PART.test(source[end]!)) end++;
  // A member chain continues to the right (`ext.Lock` from `ext`), then a call takes its arguments.
  while (source[end] === '.' && IDENTIFIER_START.test(source[end + 1] ?? '')) {
    end++;
    while (end < source.length && IDENTIFIER_PART.test(source[end]!)) end++;
  }
  if (source[end] === '(') end = closingParen(source, end);
  return { from: start + 1, to: end + 1 };
}

/** How `span` of `source` uses what it names: `written` when an assignment or `++`/`--` follows it, else `read`. */
export function accessAt(source: string, span: Span): 'read' | 'written' {
  const after = source.slice(span.to - 1).trimStart();
  return /^(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?![=>])|^(?:\+\+|--)/.test(after) ? 'written' : 'read';
}

/** The code of the line: indentation, a trailing `//` comment and the spaces before it left out (the whole line when that leaves nothing). */
function wholeLine(source: string): Span {
  const code = source.replace(/\s*\/\/.*$/, '');
  const from = code.length - code.trimStart().length;
  const to = code.trimEnd().length;
  return to > from ? { from: from + 1, to: to + 1 } : { from: 1, to: Math.max(2, source.length + 1) };
}

/** Index just past the `;` ending the statement that starts at `at` (or the code's end). */
function statementEnd(source: string, at: number): number {
  const code = source.replace(/\s*\/\/.*$/, '').trimEnd();
  const semicolon = code.indexOf(';', at);
  return semicolon < 0 ? Math.max(code.length, at + 1) : semicolon + 1;
}

/** Index just past the `)` that closes the `(` at `open`, counting nested brackets; the code's end when the line does not close it. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return source.replace(/\s*\/\/.*$/, '').trimEnd().length;
}

function skipSpaces(source: string, at: number): number {
  while (source[at] === ' ' || source[at] === '\t') at++;
  return at;
}
