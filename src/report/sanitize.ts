/**
 * Making student text inert in every output. One rule for all of them,
 * {@link visibleText}: every character a terminal, a log or a viewer could
 * act on — control characters (so every escape sequence), bidi controls and
 * other invisible characters, line separators, lone surrogates — is written
 * out as an escape (`\x1b`, `\u202e`), so a reader sees what the code
 * printed and nothing acts on it. Each format then adds its own escaping at
 * its boundary: entities for XML and HTML, `%` codes for GitHub's workflow
 * commands, quoting and formula guards for CSV, `\u` escapes in JSON, and
 * for anything read line by line (a terminal, a CI log) no line that a CI
 * runner would take for a workflow command. Every function here is one
 * pass over its input.
 */

/**
 * What {@link visibleText} writes out: a CR before an LF (dropped: a Windows
 * line end), control characters but TAB and LF, invisible format characters
 * (bidi controls, zero-width ones, soft hyphen, tags…), the line and
 * paragraph separators, U+FFFE/U+FFFF, and surrogates that are not in a pair.
 */
const UNSAFE = /\r\n|[^\P{Cc}\t\n]|[\p{Default_Ignorable_Code_Point}\p{Cs}\u2028\u2029\ufffe\uffff]/gu;

/** What JSON.stringify leaves raw that a terminal or a viewer could act on, or XML would refuse (it escapes C0 and lone surrogates itself). */
const JSON_UNSAFE = /[\u007f-\u009f\p{Default_Ignorable_Code_Point}\u2028\u2029\ufffe\uffff]/gu;

/** `\x1b`, `\u202e`, `\u{e0001}`: how a character is written out, as in a JavaScript string. */
function escapeOf(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/** Student text with every character a reader's terminal or viewer could act on written out visibly; TAB and LF stay. Idempotent. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (char) => (char === '\r\n' ? '\n' : escapeOf(char)));
}

/**
 * Text read line by line, by a person and by a CI runner (a terminal, an
 * Actions log): no line starts with `::` past leading blanks and color codes
 * (GitHub reads it as a workflow command), and no `##[` anywhere (its older
 * command syntax, matched mid-line). The first `:` or the second `#` is
 * written out (`\x3a`, `\x23`). Meant for text that already went through
 * {@link visibleText}: the only escape sequences left are spinlab's colors.
 */
export function guardLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const at = commandStart(line);
      return withoutLegacyCommands(at < 0 ? line : `${line.slice(0, at)}\\x3a${line.slice(at + 1)}`);
    })
    .join('\n');
}

/** `text` with every `##[` written `#\x23[`: the Actions runner reads its older command syntax anywhere in a line. */
function withoutLegacyCommands(text: string): string {
  return text.split('##[').join('#\\x23[');
}

/** Where a line's `::` starts, past blanks and color codes; -1 when it does not start with one. */
function commandStart(line: string): number {
  let i = 0;
  while (i < line.length) {
    if (/\s/.test(line[i]!)) i++;
    else if (line.startsWith('\u001b[', i)) {
      let end = i + 2;
      while (end < line.length && /[0-9;]/.test(line[end]!)) end++;
      if (line[end] !== 'm') return -1;
      i = end + 1;
    } else break;
  }
  return line.startsWith('::', i) ? i : -1;
}

/** Student text for a line-oriented log (a Classroom message printed in the Actions log): visible, and no line of it a workflow command. */
export function logText(text: string): string {
  return guardLines(visibleText(text));
}

/** Every line of `text` indented by `prefix`, so none of them can pass for a line of the report (or a workflow command). */
export function quoteLines(text: string, prefix = '  | '): string {
  return visibleText(text)
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** Text safe inside an XML or HTML text node or attribute value: visible, then `& < > " '` as entities. */
export function xmlText(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A workflow command's message: visible, no `##[`, then `%`, CR and LF as GitHub's runner unescapes them. */
export function githubData(text: string): string {
  return withoutLegacyCommands(visibleText(text)).replace(/[%\r\n]/g, (c) => GITHUB_CODES[c]!);
}

/** A workflow command's property value: as {@link githubData}, and also `:` and `,`. */
export function githubProperty(text: string): string {
  return withoutLegacyCommands(visibleText(text)).replace(/[%\r\n:,]/g, (c) => GITHUB_CODES[c]!);
}

const GITHUB_CODES: Readonly<Record<string, string>> = { '%': '%25', '\r': '%0D', '\n': '%0A', ':': '%3A', ',': '%2C' };

/** Text in a markdown table cell or list item: visible, markdown's own characters escaped, on one line. */
export function markdownText(text: string): string {
  return visibleText(text)
    .replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`)
    .replace(/\n/g, ' ');
}

/**
 * A CSV cell (RFC 4180): text made visible; a leading `=`, `+`, `-`, `@`,
 * TAB or CR (which a spreadsheet would run as a formula, OWASP's list)
 * guarded with `'`; quoted when it holds `"`, `,` or a line break. Numbers
 * are written as they are.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = `${/^[=+\-@\t\r]/.test(value) ? "'" : ''}${visibleText(value)}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `value` as JSON whose bytes are inert: what JSON.stringify leaves raw
 * and a terminal could act on (C1 controls, bidi and other invisible
 * characters, line separators) is written as `\u` escapes, so the data
 * read back is unchanged.
 */
export function inertJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}

/**
 * `value` (plain data: objects, arrays, strings, numbers, booleans, null)
 * with `map` applied to every string in it; `key` is the property holding
 * the string (undefined in an array). A new value: `value` is untouched.
 */
export function mapStrings<T>(value: T, map: (text: string, key: string | undefined) => string): T {
  const visit = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') return map(v, key);
    if (Array.isArray(v)) return v.map((item) => visit(item, undefined));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, visit(item, k)]));
    return v;
  };
  return visit(value, undefined) as T;
}
