/** A compile or type-check problem at a place in the student's source. */
import type { Message } from 'esbuild';

export interface Diagnostic {
  readonly kind: 'compile' | 'typecheck';
  /** Relative to the submission folder. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
  /** The source line, for a caret excerpt. */
  readonly source?: string;
  /** A TypeScript error code (`TS2345`), for type-check diagnostics. */
  readonly code?: string;
}

/** An esbuild error as a compile diagnostic; `fileOf` names its file (relative to the folder it is reported in). */
export function compileDiagnostic(message: Message, fileOf: (file: string) => string, noFile: string): Diagnostic {
  const location = message.location;
  return {
    kind: 'compile',
    file: location === null ? noFile : fileOf(location.file),
    line: location?.line ?? 1,
    column: (location?.column ?? 0) + 1,
    message: message.text,
    source: location?.lineText,
  };
}
