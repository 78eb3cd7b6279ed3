/** Compile and type-check diagnostics as text: `file:line:col: message`, then the line and a caret. */
import type { Diagnostic } from '../sandbox/diagnostic.js';
import { placeOf } from './place.js';
import { stripAnsi } from './sanitize.js';

/** One diagnostic with its caret excerpt. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = `${placeOf(diagnostic)}: ${diagnostic.code === undefined ? '' : `${diagnostic.code} `}${diagnostic.message}`;
  if (diagnostic.source === undefined) return head;
  return `${head}\n${excerpt(diagnostic.source, diagnostic.line, diagnostic.column)}`;
}

/** `  27 | source` and a caret under `column`. */
export function excerpt(source: string, line: number, column: number, indent = '  '): string {
  const gutter = `${indent}${line} | `;
  const text = stripAnsi(source).replace(/\t/g, ' ');
  return `${gutter}${text}\n${' '.repeat(gutter.length + Math.max(0, column - 1))}^`;
}
