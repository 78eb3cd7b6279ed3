/** A compile or type-check problem at a place in the student's source. */
import type { Message } from 'esbuild';
import { SourceLines } from './source-lines.js';

export interface Diagnostic {
  readonly kind: 'compile' | 'typecheck';
  /** Relative to the submission folder. */
  readonly file: string;
  /** 1-based, as the student's editor counts lines (source-lines.ts). */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly message: string;
  /** The source line, for a caret excerpt. */
  readonly source?: string;
  /** A TypeScript error code (`TS2345`), for type-check diagnostics. */
  readonly code?: string;
}

/**
 * An esbuild error as a compile diagnostic; `fileOf` names its file
 * (relative to the folder it is reported in). With `textOf` giving that
 * file's text, the place is the editor's (esbuild counts U+2028/U+2029 as
 * line breaks and columns in UTF-8 bytes) and the quoted line the editor's.
 */
export function compileDiagnostic(message: Message, fileOf: (file: string) => string, noFile: string, textOf?: (file: string) => string | undefined): Diagnostic {
  const location = message.location;
  if (location === null) return { kind: 'compile', file: noFile, line: 1, column: 1, message: message.text };
  const file = fileOf(location.file);
  const text = textOf?.(file);
  if (text === undefined) return { kind: 'compile', file, line: location.line, column: location.column + 1, message: message.text, source: location.lineText };
  const lines = new SourceLines(text);
  const place = lines.fromScriptBytes(location.line, location.column);
  return { kind: 'compile', file, ...place, message: message.text, source: lines.lineText(place.line) };
}
