/**
 * `submission_metadata.yml` of Gradescope's "Export submissions" zip: a map
 * from each submission's folder (`submission_<id>`) to what Gradescope knows
 * of it, written by Ruby (symbol keys):
 *
 * ```yaml
 * submission_12345:
 *   :submitters:
 *   - :name: Ada Lovelace
 *     :sid: '1815'
 *     :email: ada@example.edu
 *   :created_at: 2024-03-01 10:11:12.000000000 -08:00
 *   :score: 10.0
 *   :results: …
 * ```
 *
 * The export has no JSON form of it, and the `yaml` package is not a runtime
 * dependency, so this reads exactly what is needed: the top-level keys and,
 * in each, the `:submitters:` list's `:name:`, `:email:` and `:sid:` — plain,
 * single- and double-quoted scalars, folded over lines as a YAML writer
 * wraps them. Everything else (scores, autograder results with their block
 * text) is skipped: a top-level key is a line at column 0, which the
 * indented text of a nested value never is.
 */

/** One student of a submission (a group submission has several). */
export interface Submitter {
  readonly name: string | null;
  readonly email: string | null;
  readonly sid: string | null;
}

/** The submitters of each submission folder named in the metadata, in the file's order. */
export function parseSubmissionMetadata(text: string): Map<string, Submitter[]> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const submissions = new Map<string, Submitter[]>();
  for (let i = 0; i < lines.length; i++) {
    const top = /^(?:'([^']*)'|"([^"]*)"|([^\s#'"-][^:]*)):\s*$/.exec(lines[i]!);
    if (top === null) continue;
    const key = top[1] ?? top[2] ?? top[3]!;
    let end = i + 1;
    while (end < lines.length && !/^[^\s#]/.test(lines[end]!)) end++;
    submissions.set(key, submittersIn(lines.slice(i + 1, end)));
    i = end - 1;
  }
  return submissions;
}

const FIELD = /^:?(name|email|sid):(?:\s+(.*))?$/;

/** The `:submitters:` list of one submission's lines. */
function submittersIn(lines: readonly string[]): Submitter[] {
  const start = lines.findIndex((line) => /^\s+:?submitters:\s*$/.test(line));
  if (start < 0) return [];
  const listIndent = indentOf(lines[start]!);
  const found: Array<Record<string, string | null>> = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = indentOf(line);
    let content = line.slice(indent);
    const item = content.startsWith('- ');
    if (indent < listIndent || (indent === listIndent && !item)) break;
    if (item) {
      found.push({});
      content = content.slice(2);
    }
    const field = FIELD.exec(content);
    if (field === null || found.length === 0) continue;
    const keyIndent = indent + (item ? 2 : 0);
    const more: string[] = [];
    // A wrapped value goes on over the lines indented deeper than its key.
    while (i + 1 < lines.length && indentOf(lines[i + 1]!) > keyIndent && !lines[i + 1]!.trimStart().startsWith('- ')) more.push(lines[++i]!.trim());
    found.at(-1)![field[1]!] = scalar([field[2] ?? '', ...more]);
  }
  return found.map((fields) => ({ name: fields.name ?? null, email: fields.email ?? null, sid: fields.sid ?? null }));
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A YAML scalar written over `parts` (the first line's text after the key, then its continuation lines), or null for an empty or null one. */
function scalar(parts: readonly string[]): string | null {
  const first = parts[0]!.trim();
  if (first.startsWith("'")) return parts.join(' ').trim().slice(1).replace(/'\s*(#.*)?$/, '').replace(/''/g, "'");
  if (first.startsWith('"')) return doubleQuoted(parts);
  const plain = parts.join(' ').replace(/\s+#.*$/, '').trim();
  return plain === '' || plain === '~' || plain === 'null' ? null : plain;
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

/** A double-quoted scalar: its escapes, and line breaks folded to a space (none after a line ending in `\`). */
function doubleQuoted(parts: readonly string[]): string {
  let text = parts[0]!.trim().slice(1);
  for (const part of parts.slice(1)) text = text.endsWith('\\') && !text.endsWith('\\\\') ? text.slice(0, -1) + part : `${text} ${part}`;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') break;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = text[++i] ?? '';
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      out += String.fromCodePoint(Number.parseInt(text.slice(i + 1, i + 1 + width), 16) || 0xfffd);
      i += width;
    } else out += ESCAPES[next] ?? next;
  }
  return out;
}
