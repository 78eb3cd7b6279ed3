/**
 * Reads the inline source map esbuild writes into a bundle, to turn a
 * position in the bundle (as V8 reports it) into the student's file, line
 * and column — the line and column the student's editor shows
 * (source-lines.ts): the map counts U+2028 and U+2029 as line breaks, as
 * every JavaScript tool does, and this is where that is undone.
 */
import { SourceLines } from './source-lines.js';
import { decodeVlq } from './vlq.js';

/** A position in an original source, as the student's editor shows it. */
export interface SourcePosition {
  readonly file: string;
  /** 1-based, counting LF, CRLF and CR as line breaks (not U+2028/U+2029). */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

interface RawSourceMap {
  readonly sources: readonly string[];
  readonly mappings: string;
  readonly sourcesContent?: ReadonlyArray<string | null>;
}

/** One mapped segment: generated column → source, line, column (all 0-based). */
interface Segment {
  readonly column: number;
  readonly source: number;
  readonly line: number;
  readonly sourceColumn: number;
}

/** A decoded source map. */
export class SourceMap {
  /** Generated line (0-based) → its segments, by generated column. */
  private readonly lines: Segment[][];
  readonly sources: readonly string[];
  private readonly contents: ReadonlyArray<string | null>;
  /** Source index → its lines (built on first use). */
  private readonly sourceLines = new Map<number, SourceLines>();

  constructor(map: RawSourceMap) {
    this.sources = map.sources.map(decodeSource);
    this.contents = map.sourcesContent ?? [];
    this.lines = decodeMappings(map.mappings);
  }

  /** Reads the `sourceMappingURL=data:` comment at the end of `code`; null if there is none. */
  static fromInline(code: string): SourceMap | null {
    const marker = '//# sourceMappingURL=data:application/json;base64,';
    const at = code.lastIndexOf(marker);
    if (at < 0) return null;
    const end = code.indexOf('\n', at);
    const base64 = code.slice(at + marker.length, end < 0 ? undefined : end).trim();
    return new SourceMap(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as RawSourceMap);
  }

  /** The original position (the editor's line and column) of 1-based generated `line`:`column`, or null. */
  original(line: number, column: number): SourcePosition | null {
    const segments = this.lines[line - 1];
    if (segments === undefined || segments.length === 0) return null;
    // The last segment at or before the column (binary search: one line of a bundle can hold thousands).
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid]!.column <= column - 1) low = mid;
      else high = mid - 1;
    }
    const best = segments[low];
    if (best === undefined) return null;
    const file = this.sources[best.source];
    if (file === undefined) return null;
    const lines = this.linesOf(best.source);
    const place = lines === undefined ? { line: best.line + 1, column: best.sourceColumn + 1 } : lines.fromScript(best.line + 1, best.sourceColumn + 1);
    return { file, ...place };
  }

  /** The whole text of source `file`, if the map carries it. */
  sourceContent(file: string): string | undefined {
    const index = this.sources.indexOf(file);
    return index < 0 ? undefined : (this.contents[index] ?? undefined);
  }

  /** The text of 1-based `line` (the editor's count) of source `file`, if the map carries its content. */
  sourceLine(file: string, line: number): string | undefined {
    return this.linesOf(this.sources.indexOf(file))?.lineText(line);
  }

  private linesOf(index: number): SourceLines | undefined {
    let lines = this.sourceLines.get(index);
    if (lines === undefined) {
      const content = index < 0 ? undefined : this.contents[index];
      if (content === undefined || content === null) return undefined;
      this.sourceLines.set(index, (lines = new SourceLines(content)));
    }
    return lines;
  }
}

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let sourceColumn = 0;
  for (const group of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    if (group !== '') {
      for (const text of group.split(',')) {
        const fields = decodeVlq(text);
        column += fields[0] ?? 0;
        if (fields.length >= 4) {
          source += fields[1]!;
          line += fields[2]!;
          sourceColumn += fields[3]!;
          segments.push({ column, source, line, sourceColumn });
        }
      }
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * A source's file name as the file system has it: esbuild writes `sources`
 * as URLs, percent-encoding what a URL may not hold (`we%1Bird.ts` for a
 * name with an ESC in it, `%25` for `%`), so decoding is exact.
 */
function decodeSource(source: string): string {
  try {
    return decodeURIComponent(source);
  } catch {
    return source;
  }
}
