/**
 * Reads what tsc printed (`--pretty false`, run in the submission folder):
 * its `file(line,col): error TSnnnn: message` lines, with their indented
 * elaborations, as diagnostics at the editor's line and column, and the
 * absolute paths `--listFiles` adds. One pass over the output; every line
 * is compared with the known file names, never searched by a pattern.
 */
import type { Diagnostic } from './diagnostic.js';
import type { SourceLines } from './source-lines.js';

/** What a diagnostic line of tsc's may name and how its text is shown. */
export interface TscOutputContext {
  /** The submission's files in the program: path relative to the submission folder (`/`) → its text. */
  readonly files: ReadonlyMap<string, SourceLines>;
  /** Host paths → what the student is shown instead (the submission folder → nothing, the kernel's folder → `spinlab/kernel`). */
  readonly rewrites: ReadonlyArray<readonly [from: string, to: string]>;
}

/** Turns tsc's diagnostic lines in the submission's files into diagnostics; lines about other files are dropped. */
export function parseTscOutput(output: string, context: TscOutputContext): Diagnostic[] {
  // Longest first, so `a/b.ts` is not read as `a/b.ts` when `a/b.ts(1,1).ts` is a file too.
  const names = [...context.files.keys()].sort((a, b) => b.length - a.length);
  const shown = (text: string) => rewritten(text, context.rewrites);
  const diagnostics: Diagnostic[] = [];
  let last: { message: string } | null = null;
  for (const raw of output.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // An indented line elaborates the error above it ("Type 'Promise<KIRQL>' is not assignable to type 'number'.").
    if (last !== null && (text.startsWith(' ') || text.startsWith('\t')) && text.trim() !== '') {
      last.message += `\n${shown(text.trimEnd())}`;
      continue;
    }
    last = null;
    const file = names.find((name) => text.startsWith(`${name}(`));
    const parsed = file === undefined ? null : errorLine(text, file.length + 1);
    if (file === undefined || parsed === null) continue;
    const lines = context.files.get(file)!;
    const place = lines.fromScript(parsed.line, parsed.column);
    const diagnostic = { kind: 'typecheck' as const, file, ...place, code: parsed.code, message: shown(parsed.message), source: lines.lineText(place.line) };
    diagnostics.push(diagnostic);
    last = diagnostic;
  }
  return diagnostics;
}

/** tsc's errors that name no file (`error TS2318: Cannot find global type 'Array'.`), as printed. */
export function fileLessErrors(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('error TS'));
}

/** The absolute paths among tsc's output lines (what `--listFiles` printed: every file tsc read into the program). */
export function listedFiles(output: string): string[] {
  return output
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line.startsWith('/') || /^[A-Za-z]:[\\/]/.test(line));
}

/** `text` with every host path of `rewrites` replaced by what the student is shown instead. */
export function rewritten(text: string, rewrites: TscOutputContext['rewrites']): string {
  return rewrites.reduce((message, [from, to]) => message.split(from).join(to), text);
}

/** `line,col): error TSnnnn: message` from `at` in `text`, or null. */
function errorLine(text: string, at: number): { line: number; column: number; code: string; message: string } | null {
  let i = at;
  const number = (): number | null => {
    const start = i;
    while (i < text.length && i - start < 9 && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i === start ? null : Number(text.slice(start, i));
  };
  const expect = (literal: string): boolean => {
    if (!text.startsWith(literal, i)) return false;
    i += literal.length;
    return true;
  };
  const line = number();
  if (line === null || !expect(',')) return null;
  const column = number();
  if (column === null || !expect('): error TS')) return null;
  const code = number();
  if (code === null || !expect(': ')) return null;
  return { line, column, code: `TS${code}`, message: text.slice(i) };
}
