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
