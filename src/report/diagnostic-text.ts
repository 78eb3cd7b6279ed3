/** Compile and type-check diagnostics as text: `file:line:col: message`, then the line and a caret. Student text is made visible here. */
import type { Diagnostic } from '../sandbox/diagnostic.js';
import { placeOf } from './place.js';
import { visibleText } from './sanitize.js';

/** One diagnostic with its caret excerpt. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = visibleText(`${placeOf(diagnostic)}: ${diagnostic.code === undefined ? '' : `${diagnostic.code} `}${diagnostic.message}`);
  if (diagnostic.source === undefined) return head;
  return `${head}\n${excerpt(diagnostic.source, diagnostic.line, diagnostic.column)}`;
}

/**
 * `  27 | source` and a caret under `column` (1-based, in `source` as
 * written): the line is made visible and its tabs become spaces, and the
 * caret moves with what the escapes added before it.
 */
export function excerpt(source: string, line: number, column: number, indent = '  '): string {
  const gutter = `${indent}${line} | `;
  const shown = (text: string): string => visibleText(text).replace(/[\t\n]/g, ' ');
  const text = shown(source);
  const before = Math.min(shown(source.slice(0, Math.max(0, column - 1))).length, text.length);
  return `${gutter}${text}\n${' '.repeat(gutter.length + before)}^`;
}
