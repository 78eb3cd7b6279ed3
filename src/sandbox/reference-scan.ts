/**
 * What tsc would read beyond the submission, found before tsc runs. tsc
 * follows every module specifier — type-only imports, `import("…")` types,
 * `import x = require("…")` — and every `/// <reference path|types>`, and
 * echoes what it read in its diagnostics. Each specifier that is absolute or
 * climbs out of the submission folder, and every `types` reference, is
 * refused here, so tsc never runs on such a submission.
 *
 * The scan reads the raw text, comments and strings included, so no
 * arrangement of quotes can hide a specifier from it; string escapes are
 * decoded as TypeScript decodes them. (Specifiers that stay inside the
 * folder pass, whatever they are; bare package names resolve to nothing in
 * the private copy tsc checks.)
 */
import { isAbsolute, resolve, sep } from 'node:path';
import type { Diagnostic } from './diagnostic.js';

const SPECIFIER = /\b(?:from|import|require)\s*\(?\s*(['"`])((?:\\[^]|(?!\1)[^\\\n])*)\1/g;
const REFERENCE = /\/\/\/\s*<reference\s+(path|types)\s*=\s*(['"])([^'"\n]*)\2/g;

/**
 * Refusals for every file tsc would read from the submission: `entry` and,
 * transitively, the files its relative specifiers and `/// <reference path>`s
 * name (a stray file nothing imports is never read, so never refused).
 * `read` gives a file's text (relative path, `/`), or undefined if absent.
 */
export function scanProgram(root: string, entry: string, read: (file: string) => string | undefined): Diagnostic[] {
  const found: Diagnostic[] = [];
  const queue = [entry];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const file = queue.shift()!;
    const text = read(file);
    if (text === undefined) continue;
    found.push(...scanReferences(root, file, text));
    for (const next of localReferences(root, file, text)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return found;
}

/** The submission files (relative, `/`) a file's relative specifiers and path references may name, as tsc would try them. */
function localReferences(root: string, file: string, text: string): string[] {
  const dir = resolve(root, file, '..');
  const targets: string[] = [];
  const add = (specifier: string): void => {
    if (!specifier.startsWith('.') || escapes(root, dir, specifier)) return;
    const base = resolve(dir, specifier);
    const stem = base.replace(/\.(js|mjs|cjs|ts|mts|cts)$/, '');
    for (const candidate of [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.d.ts`, `${stem}.js`, `${stem}.mjs`, resolve(base, 'index.ts'), resolve(base, 'index.d.ts')]) {
      if (candidate.startsWith(root + sep)) targets.push(candidate.slice(root.length + 1).split(sep).join('/'));
    }
  };
  for (const match of text.matchAll(SPECIFIER)) add(unescape(match[2]!));
  for (const match of text.matchAll(REFERENCE)) if (match[1] === 'path') add(match[3]!.startsWith('.') ? match[3]! : `./${match[3]!}`);
  return targets;
}

/** Refusals for `text`, file `file` (relative to `root`, with `/`). */
export function scanReferences(root: string, file: string, text: string): Diagnostic[] {
  const dir = resolve(root, file, '..');
  const found: Diagnostic[] = [];
  const at = (index: number, message: string): Diagnostic => {
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const column = index - before.lastIndexOf('\n');
    return { kind: 'typecheck', file, line, column, code: 'SPINLAB', message, source: text.split('\n')[line - 1]?.replace(/\r$/, '') };
  };
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = unescape(match[2]!);
    if (escapes(root, dir, specifier)) {
      found.push(at(match.index, `'${specifier.slice(0, 80)}' is outside the submission folder: a driver may refer only to 'spinlab/kernel' and its own files`));
    }
  }
  for (const match of text.matchAll(REFERENCE)) {
    const kind = match[1]!;
    const target = match[3]!;
    if (kind === 'types') found.push(at(match.index, `/// <reference types="${target.slice(0, 80)}"> is not allowed: a driver uses only the 'spinlab/kernel' types`));
    else if (escapes(root, dir, target)) found.push(at(match.index, `/// <reference path="${target.slice(0, 80)}"> is outside the submission folder`));
  }
  return found;
}

function escapes(root: string, dir: string, specifier: string): boolean {
  if (specifier.startsWith('file:') || specifier.startsWith('\\') || /^[a-zA-Z]:/.test(specifier) || isAbsolute(specifier)) return true;
  if (!specifier.startsWith('.')) return false;
  const target = resolve(dir, specifier);
  return target !== root && !target.startsWith(root + sep);
}

/** A string literal's text with its escapes decoded (\u…, \u{…}, \x…, line continuations, single characters). */
function unescape(raw: string): string {
  return raw.replace(/\\(u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|\r?\n|[^])/g, (_all, what: string, braced?: string, four?: string, two?: string) => {
    const hex = braced ?? four ?? two;
    if (hex !== undefined) {
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    if (what === '\n' || what === '\r\n') return '';
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
    return simple[what] ?? what;
  });
}
