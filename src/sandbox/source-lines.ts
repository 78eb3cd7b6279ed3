/**
 * Lines and columns as the student's editor shows them. Every position
 * spinlab reports in a student's file goes through here once, at the
 * boundary where it leaves a tool.
 *
 * JavaScript tools — esbuild, its source maps, tsc, V8, acorn — end a line at
 * LF, CRLF, a lone CR, U+2028 and U+2029 (ECMAScript's line terminators).
 * Editors end a line at LF, CRLF and a lone CR only: U+2028 and U+2029 are
 * characters inside a line (VS Code shows them as "unusual line
 * terminators"). So a reported line counts LF, CRLF (one break) and a lone
 * CR; a column is 1-based in UTF-16 code units, as VS Code's Problems panel
 * and tsc count it (a tab is one column).
 */

/** A 1-based line and column. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

const LF = 0x0a;
const CR = 0x0d;
const LS = 0x2028;
const PS = 0x2029;

/** Offsets where each line starts; `script` also breaks at U+2028 and U+2029. One pass over the text. */
function lineStarts(text: string, script: boolean): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (text.charCodeAt(i + 1) === LF) i++;
      starts.push(i + 1);
    } else if (c === LF || (script && (c === LS || c === PS))) starts.push(i + 1);
  }
  return starts;
}

/** The index of the last start at or before `offset` (binary search). */
export function lineIndexOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** One source text's lines, in the editor's count and in JavaScript's. Built lazily, each in one pass. */
export class SourceLines {
  private editorStarts: number[] | undefined;
  private scriptStarts: number[] | undefined;

  constructor(readonly text: string) {}

  private get editor(): number[] {
    return (this.editorStarts ??= lineStarts(this.text, false));
  }

  private get script(): number[] {
    return (this.scriptStarts ??= lineStarts(this.text, true));
  }

  /** The editor's line and column of a UTF-16 offset (clamped to the text). */
  positionAt(offset: number): LineColumn {
    return this.place(this.editor, offset);
  }

  /** The offset of the editor's 1-based line and column (a column past the line's end stays at its end). */
  offsetOf(line: number, column: number): number {
    return this.clamp(this.editor, line, column);
  }

  /** A JavaScript tool's line and column (U+2028 and U+2029 end a line) of a UTF-16 offset. */
  scriptPositionAt(offset: number): LineColumn {
    return this.place(this.script, offset);
  }

  /**
   * The offset of a 1-based line and 1-based UTF-16 column as JavaScript
   * tools count lines (U+2028 and U+2029 end a line). A column past its
   * line's end stays on that line's end; a line past the last is the end.
   */
  offsetOfScript(line: number, column: number): number {
    return this.clamp(this.script, line, column);
  }

  private place(starts: readonly number[], offset: number): LineColumn {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const index = lineIndexOf(starts, at);
    return { line: index + 1, column: at - starts[index]! + 1 };
  }

  private clamp(starts: readonly number[], line: number, column: number): number {
    if (line > starts.length) return this.text.length;
    const start = starts[Math.max(1, line) - 1]!;
    let end = line < starts.length ? starts[line]! - 1 : this.text.length;
    if (line < starts.length && end > start && this.text.charCodeAt(end) === LF && this.text.charCodeAt(end - 1) === CR) end--;
    return Math.min(start + Math.max(1, column) - 1, end);
  }

  /** The editor's position of a JavaScript tool's 1-based line and UTF-16 column. */
  fromScript(line: number, column: number): LineColumn {
    return this.positionAt(this.offsetOfScript(line, column));
  }

  /** The editor's position of a JavaScript tool's 1-based line and 0-based UTF-8 byte column (esbuild's messages). */
  fromScriptBytes(line: number, byteColumn: number): LineColumn {
    const start = this.offsetOfScript(line, 1);
    let offset = start;
    for (let bytes = 0; bytes < byteColumn && offset < this.text.length; offset++) {
      const c = this.text.charCodeAt(offset);
      if (c === LF || c === CR) break;
      const surrogatePair = c >= 0xd800 && c <= 0xdbff && offset + 1 < this.text.length;
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : surrogatePair ? 4 : 3;
      if (surrogatePair) offset++;
    }
    return this.positionAt(offset);
  }

  /** The editor's text of 1-based `line`, without its line break; undefined past the end. */
  lineText(line: number): string | undefined {
    const starts = this.editor;
    if (line < 1 || line > starts.length) return undefined;
    let end = line < starts.length ? starts[line]! : this.text.length;
    if (end > starts[line - 1]! && this.text.charCodeAt(end - 1) === LF) end--;
    if (end > starts[line - 1]! && this.text.charCodeAt(end - 1) === CR) end--;
    return this.text.slice(starts[line - 1], end);
  }
}
