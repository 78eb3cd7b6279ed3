/**
 * Finds, in tsc's declaration output for a student file, the declarations
 * that change types outside that file: `declare module "…"` (a module
 * augmentation — of `spinlab/kernel`, say, loosening its types — or an
 * ambient module) and `declare global`. Either would let a submission pass
 * the type-check by rewriting what it is checked against.
 *
 * It reads tsc's own declaration emit, not the student's text: tsc has
 * parsed the file and printed only declarations, so no expression is left —
 * no regular expression literal, whose `/` is what makes JavaScript's
 * tokens ambiguous without a full parser — and the tokens below (comments,
 * strings, template literal types, identifiers with their escapes decoded)
 * are all a declaration file holds. One pass, linear in the text.
 */

/** A declaration that changes types outside its file, at `offset` in the declaration text. */
export interface Augmentation {
  readonly offset: number;
  readonly kind: 'global' | 'module';
  /** For `module`: the module name as written (quotes included), at most 80 characters. */
  readonly name?: string;
}

interface Token {
  readonly kind: 'word' | 'string' | 'mark';
  /** A word's decoded name, a mark's character, a string's raw text (their first characters only: enough to name a keyword or a module). */
  readonly text: string;
  readonly offset: number;
}

const WHITESPACE = /\s/;
const WORD = /[\p{ID_Continue}$\u200c\u200d]/u;

/** Whether `c` (one code point) is whitespace; ASCII without a regular expression. */
function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x80 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : WHITESPACE.test(c);
}

/** Whether `c` (one code point) continues an identifier; ASCII without a regular expression. */
function isWord(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code >= 0x80) return WORD.test(c);
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x24;
}

/** The code point at `i`, as a string of one or two UTF-16 units. */
function pointAt(text: string, i: number): string {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? text.slice(i, i + 2) : text[i]!;
}
const LINE_END = new Set(['\n', '\r', '\u2028', '\u2029']);

/** Words after which `global {` or `module "…"` names something else (a namespace, an interface…) rather than declaring. */
const NAMING = new Set(['.', 'namespace', 'module', 'interface', 'class', 'enum', 'type', 'function']);

/** Every `declare global` and `declare module "…"` in declaration text `dts`. */
export function findAugmentations(dts: string): Augmentation[] {
  const found: Augmentation[] = [];
  let before: Token | undefined;
  let keyword: Token | undefined;
  scanTokens(dts, (token) => {
    const declaring = before === undefined || before.kind === 'string' || !NAMING.has(before.text);
    if (keyword?.kind === 'word' && declaring) {
      // Placed at its `declare`, if it has one.
      const offset = before?.kind === 'word' && before.text === 'declare' ? before.offset : keyword.offset;
      if (keyword.text === 'global' && token.kind === 'mark' && token.text === '{') found.push({ offset, kind: 'global' });
      if (keyword.text === 'module' && token.kind === 'string') found.push({ offset, kind: 'module', name: token.text.slice(0, 80) });
    }
    before = keyword;
    keyword = token;
  });
  return found;
}

/** Calls `onToken` with each significant token of `text` (comments and whitespace dropped). */
function scanTokens(text: string, onToken: (token: Token) => void): void {
  // Open braces: a template literal's `${` (resume the template at its `}`) or a plain `{`.
  const braces: Array<'template' | 'brace'> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const point = pointAt(text, i);
    if (isSpace(point)) i += point.length;
    else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && !LINE_END.has(text[i]!)) i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      onToken({ kind: 'string', text: text.slice(i, Math.min(end, i + 82)), offset: i });
      i = end;
    } else if (c === '`' || (c === '}' && braces.at(-1) === 'template')) {
      if (c === '}') braces.pop();
      const end = templateEnd(text, i + 1);
      if (text.startsWith('${', end - 2)) braces.push('template');
      onToken({ kind: 'string', text: text.slice(i, Math.min(end, i + 82)), offset: i });
      i = end;
    } else if (isWord(point) || c === '\\') {
      const start = i;
      i = wordEnd(text, i);
      if (i === start) i++; // a lone backslash
      onToken({ kind: 'word', text: wordName(text, start, i), offset: start });
    } else {
      if (c === '{') braces.push('brace');
      else if (c === '}') braces.pop();
      onToken({ kind: 'mark', text: point, offset: i });
      i += point.length;
    }
  }
}

/** The end (exclusive) of the identifier starting at `from`: its characters and `\\u` escapes. */
function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const escape = text[i] === '\\' ? unicodeEscape(text, i) : null;
    if (escape !== null) i = escape.end;
    else {
      const point = pointAt(text, i);
      if (point === '\\' || !isWord(point)) break;
      i += point.length;
    }
  }
  return i;
}

/** The name of the identifier `text[start, end)`, its escapes decoded (only the first 16 characters matter to a keyword). */
function wordName(text: string, start: number, end: number): string {
  const raw = text.slice(start, Math.min(end, start + 64));
  if (!raw.includes('\\')) return raw;
  let name = '';
  for (let i = 0; i < raw.length; ) {
    const escape = raw[i] === '\\' ? unicodeEscape(raw, i) : null;
    name += escape?.char ?? raw[i];
    i = escape?.end ?? i + 1;
  }
  return name;
}

/** The end (exclusive) of the string literal opening at `start`: its closing quote, or the line's end. */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n' || c === '\r') return i;
    else i++;
  }
  return text.length;
}

/** The end (exclusive) of a template literal part starting at `from`: after its closing backquote or its `${`. */
function templateEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '`') return i + 1;
    else if (c === '$' && text[i + 1] === '{') return i + 2;
    else i++;
  }
  return text.length;
}

/** A `\uXXXX` or `\u{X…}` escape at `at`, decoded, or null. */
function unicodeEscape(text: string, at: number): { char: string; end: number } | null {
  if (text[at + 1] !== 'u') return null;
  if (text[at + 2] === '{') {
    // At most six hex digits: look no further than that for the closing brace.
    const close = text.slice(at + 3, at + 10).indexOf('}');
    const hex = close < 0 ? '' : text.slice(at + 3, at + 3 + close);
    if (!/^[0-9a-fA-F]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) return null;
    return { char: String.fromCodePoint(parseInt(hex, 16)), end: at + 4 + close };
  }
  const hex = text.slice(at + 2, at + 6);
  return /^[0-9a-fA-F]{4}$/.test(hex) ? { char: String.fromCharCode(parseInt(hex, 16)), end: at + 6 } : null;
}
