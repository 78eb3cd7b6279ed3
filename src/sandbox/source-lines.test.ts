import { describe, expect, it } from 'vitest';
import { SourceLines } from './source-lines.js';

const LS = '\u2028';
const PS = '\u2029';

describe('source lines: the editor\'s line and column', () => {
  it('counts LF, CRLF (once) and a lone CR as line breaks, and U+2028/U+2029 as characters of their line', () => {
    const lines = new SourceLines(`a\nb\r\nc\rd${LS}e${PS}f\ng`);
    expect([1, 2, 3, 4, 5].map((line) => lines.lineText(line))).toEqual(['a', 'b', 'c', `d${LS}e${PS}f`, 'g']);
    expect(lines.lineText(6)).toBeUndefined();
    expect(lines.positionAt(lines.text.indexOf('f'))).toEqual({ line: 4, column: 5 });
    expect(lines.positionAt(lines.text.indexOf('g'))).toEqual({ line: 5, column: 1 });
  });

  it('turns a JavaScript tool\'s line (U+2028/U+2029 end a line) into the editor\'s', () => {
    // Eight separators in a comment: every tool reports the error eight lines too low.
    const text = `// ${LS.repeat(4)}${PS.repeat(4)}\nconst wrong: number = 'x';\n`;
    const lines = new SourceLines(text);
    expect(lines.fromScript(10, 7)).toEqual({ line: 2, column: 7 });
    expect(lines.scriptPositionAt(text.indexOf('wrong'))).toEqual({ line: 10, column: 7 });
    expect(lines.offsetOf(2, 7)).toBe(text.indexOf('wrong'));
  });

  it('keeps a column past its line\'s end on that line, and a line past the end at the end', () => {
    const lines = new SourceLines('ab\ncd');
    expect(lines.fromScript(1, 99)).toEqual({ line: 1, column: 3 });
    expect(new SourceLines('ab\r\ncd').fromScript(1, 99)).toEqual({ line: 1, column: 3 });
    expect(lines.fromScript(9, 1)).toEqual({ line: 2, column: 3 });
  });

  it('turns esbuild\'s UTF-8 byte columns into UTF-16 columns', () => {
    const lines = new SourceLines(`const é = 1; let x = (;\nconst 𝒳 = (;`);
    expect(lines.fromScriptBytes(1, 23)).toEqual({ line: 1, column: 23 });
    expect(lines.fromScriptBytes(2, 'const 𝒳 = ('.length + 2)).toEqual({ line: 2, column: 'const 𝒳 = ('.length + 1 });
  });

  it('reads a megabyte of line separators and carriage returns in one pass', () => {
    const text = `${`${LS}\r`.repeat(500_000)}x`;
    const lines = new SourceLines(text);
    expect(lines.positionAt(text.length - 1)).toEqual({ line: 500_001, column: 1 });
    expect(lines.fromScript(1_000_001, 1)).toEqual({ line: 500_001, column: 1 });
    expect(lines.lineText(500_000)).toBe(LS);
  });
});
