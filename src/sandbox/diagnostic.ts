/** A compile or type-check problem at a place in the student's source. */
export interface Diagnostic {
  readonly kind: 'compile' | 'typecheck' | 'module-state';
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

/** `driver.ts:3:22: error message`, then the line and a caret under the column. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const head = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.code === undefined ? '' : `${diagnostic.code} `}${diagnostic.message}`;
  if (diagnostic.source === undefined) return head;
  const gutter = `${diagnostic.line} | `;
  return `${head}\n${gutter}${diagnostic.source}\n${' '.repeat(gutter.length + Math.max(0, diagnostic.column - 1))}^`;
}
