/** Where a position in a compiled bundle comes from: the student's file, line and column, through its source map. */
import type { SourceMap } from './source-map.js';
import { lineIndexOf } from './source-lines.js';

/** A place in one of the student's files (1-based line and column). */
export interface StudentPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A function from an offset in bundle `code` to the student's place it was
 * compiled from, or null when it is not the student's code (esbuild's
 * runtime, the kernel's shim); `files` are the student's files as the map
 * names them.
 */
export function studentPlaces(code: string, map: SourceMap, files: readonly string[]): (offset: number) => StudentPlace | null {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset) => {
    const low = lineIndexOf(lineStarts, offset);
    const original = map.original(low + 1, offset - lineStarts[low]! + 1);
    return original !== null && files.includes(original.file) ? original : null;
  };
}

/** An identifier, where it starts (sticky: read from a set position, never searched for). */
const IDENTIFIER = /[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*/uy;

/**
 * The identifier the student wrote at `place` (esbuild may have renamed it
 * in the bundle: `count2`), or `fallback` when the map cannot say.
 */
export function originalIdentifier(map: SourceMap, place: StudentPlace | null, fallback: string): string {
  const line = place === null ? undefined : map.sourceLine(place.file, place.line);
  if (line === undefined) return fallback;
  IDENTIFIER.lastIndex = place!.column - 1;
  return IDENTIFIER.exec(line)?.[0] ?? fallback;
}
