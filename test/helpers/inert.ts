/**
 * Checkers that a report is inert, one per format, for the unit tests of
 * the reporters and the end-to-end surface suite. Each returns the problems
 * it found (empty: inert), so a test can say which output and which line.
 *
 * Inert means: no character a terminal, a log or a viewer acts on (control
 * characters but TAB and LF — so no escape sequence —, bidi controls and
 * other invisible characters, line separators, lone surrogates); for
 * anything read line by line, no line a CI runner takes for a workflow
 * command (`::` at its start, `##[` anywhere) but spinlab's own; and the
 * format's own rules (valid XML, no formula in a CSV cell, no markup in an
 * HTML page but spinlab's own).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { ROOT } from './cli.js';

/** What no inert text holds (TAB and LF are fine). */
const UNSAFE = /[^\P{Cc}\t\n]|[\p{Default_Ignorable_Code_Point}\p{Cs}\u2028\u2029\ufffe\uffff]/u;
/** Spinlab's own colors, the only escape sequences a colored report may hold. */
const SGR = /\u001b\[[0-9;]*m/g;

/** Where `text` holds a character no inert text may hold, as `what:line: U+XXXX`. */
function unsafeChars(text: string, what: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    const found = UNSAFE.exec(line);
    if (found !== null) problems.push(`${what}:${i + 1}: U+${found[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(line.slice(0, 120))}`);
  });
  return problems;
}

/** Lines a CI runner would take for a workflow command. */
function commandLines(text: string, what: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*::/.test(line.replace(SGR, ''))) problems.push(`${what}:${i + 1}: a workflow command: ${JSON.stringify(line.slice(0, 120))}`);
    if (line.includes('##[')) problems.push(`${what}:${i + 1}: a legacy workflow command (##[): ${JSON.stringify(line.slice(0, 120))}`);
  });
  return problems;
}

/** Terminal text (the text report, the batch summary, stderr, the text timeline): nothing a terminal acts on, no workflow command. `colors` allows spinlab's own SGR codes. */
export function terminalProblems(text: string, what = 'terminal', colors = false): string[] {
  return [...unsafeChars(colors ? text.replace(SGR, '') : text, what), ...commandLines(text, what)];
}

/** A JSON output (the result, Gradescope, Classroom): it parses, its bytes are inert, and (`displayed`) every string in it shows nothing a viewer acts on; (`logged`) nor a workflow command in any of its lines. */
export function jsonProblems(text: string, what = 'json', options: { displayed?: boolean; logged?: boolean } = {}): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [`${what}: does not parse: ${String(error)}`];
  }
  const problems = unsafeChars(text, `${what} (bytes)`);
  if (options.displayed === true || options.logged === true) {
    strings(data).forEach((s, i) => {
      problems.push(...unsafeChars(s, `${what} string ${i}`));
      if (options.logged === true) problems.push(...commandLines(s, `${what} string ${i}`));
    });
  }
  return problems;
}

/** Every string in plain data. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

const JUNIT_XSD = readFileSync(join(ROOT, 'test/fixtures/consumers/jenkins-junit-10.xsd'), 'utf8');

/** JUnit XML: valid against Jenkins' junit-10.xsd (libxml2), its bytes and its character references inert. */
export async function junitProblems(xml: string, what = 'junit'): Promise<string[]> {
  const problems = unsafeChars(xml, what);
  for (const ref of xml.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = ref[1]!.startsWith('x') ? parseInt(ref[1]!.slice(1), 16) : Number(ref[1]);
    if (UNSAFE.test(String.fromCodePoint(code))) problems.push(`${what}: a character reference to U+${code.toString(16)}`);
  }
  // `--format junit` adds file and line to a failed testcase (for action-junit-report and GitLab), which
  // junit-10.xsd has no place for; without them it must be exactly the Jenkins document (--format junit-jenkins).
  const jenkins = xml.replace(/(<testcase [^>]*?) file="[^"]*" line="\d+">/g, '$1>');
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: jenkins }], schema: [{ fileName: 'junit-10.xsd', contents: JUNIT_XSD }] });
  if (!result.valid) problems.push(...result.errors.map((e) => `${what}: not valid against junit-10.xsd: ${e.rawMessage}`));
  return problems;
}

/**
 * GitHub workflow-command output, read as the runner reads it: outside a
 * `::stop-commands::TOKEN` … `::TOKEN::` block, every line that is a command
 * is one of spinlab's (`::error`, `::warning`, `::notice` with a message,
 * or the block's start), no line holds `##[`; nothing anywhere a terminal
 * acts on.
 */
export function githubProblems(text: string, what = 'github'): string[] {
  const problems = unsafeChars(text, what);
  let token: string | null = null;
  text.split('\n').forEach((line, i) => {
    if (token !== null) {
      if (line.trim() === `::${token}::`) token = null;
      return;
    }
    const start = /^::stop-commands::([0-9a-f]{32})$/.exec(line);
    if (start !== null) {
      token = start[1]!;
      return;
    }
    if (/^\s*::/.test(line) && !/^::(error|warning|notice)( [^\n]*)?::/.test(line)) problems.push(`${what}:${i + 1}: not one of spinlab's commands: ${JSON.stringify(line.slice(0, 120))}`);
    if (line.includes('##[')) problems.push(`${what}:${i + 1}: a legacy workflow command (##[)`);
  });
  if (token !== null) problems.push(`${what}: the stop-commands block is never closed`);
  return problems;
}

/** grades.csv: its bytes inert, and no cell a spreadsheet would run as a formula (a leading `=`, `+`, `-`, `@`, TAB or CR). */
export function csvProblems(csv: string, what = 'grades.csv'): string[] {
  const problems = unsafeChars(csv, what);
  csvCells(csv).forEach((cell, i) => {
    if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)) problems.push(`${what}: cell ${i} starts a formula: ${JSON.stringify(cell.slice(0, 80))}`);
  });
  return problems;
}

/** The cells of a CSV text (RFC 4180), in order. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  for (const match of text.matchAll(/("(?:[^"]|"")*"|[^,\n]*)(,|\n|$)/g)) {
    if (match[0] === '') break;
    const raw = match[1]!;
    cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
  }
  return cells;
}

/** The elements spinlab's pages (a timeline, the class report) are made of: anything else came from a student. */
const PAGE_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'code', 'section', 'span', 'article', 'pre', 'ul', 'li', 'a', 'main', 'div', 'svg', 'line', 'i', 'b', 'nav', 'table', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td']);

/** An HTML page: its bytes inert, only spinlab's elements, no script, no event handler, no `javascript:` link. */
export function htmlProblems(html: string, what = 'html'): string[] {
  const problems = unsafeChars(html, what);
  for (const tag of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) if (!PAGE_TAGS.has(tag[1]!.toLowerCase())) problems.push(`${what}: a <${tag[1]}> element`);
  for (const handler of html.matchAll(/\son[a-z]+\s*=/gi)) problems.push(`${what}: an event handler ${handler[0].trim()}`);
  if (/javascript:/i.test(html)) problems.push(`${what}: a javascript: URL`);
  return problems;
}
