import kleur from 'kleur';
import { describe, expect, it } from 'vitest';
import { buildSnippet, renderSnippet, type SnippetSite } from './snippet.js';
import { accessAt, spanAt } from './source-span.js';

const plain = (): typeof kleur => {
  kleur.enabled = false;
  return kleur;
};

/** The text under columns `from`…`to` (1-based, exclusive) of `text`. */
const cut = (text: string, span: { from: number; to: number }): string => text.slice(span.from - 1, span.to - 1);

describe('spanAt', () => {
  const line = '  ext.Seen = ext.Count + 1; // @finding';
  it('underlines the member chain at the column (the property or its object)', () => {
    expect(cut(line, spanAt(line, line.indexOf('Count') + 1))).toBe('ext.Count');
    expect(cut(line, spanAt(line, line.indexOf('ext.Count') + 1))).toBe('ext.Count');
    expect(cut(line, spanAt(line, 3))).toBe('ext.Seen');
  });
  it('underlines a call with its arguments, past an await', () => {
    const call = '  const old = await KeAcquireSpinLock(ext.Lock, f(x)); // comment';
    expect(cut(call, spanAt(call, call.indexOf('await') + 1))).toBe('KeAcquireSpinLock(ext.Lock, f(x))');
    expect(cut(call, spanAt(call, call.indexOf('KeAcquire') + 1))).toBe('KeAcquireSpinLock(ext.Lock, f(x))');
  });
  it('underlines a whole return statement', () => {
    const ret = '    return STATUS_INVALID_PARAMETER; // early';
    expect(cut(ret, spanAt(ret, 5))).toBe('return STATUS_INVALID_PARAMETER;');
  });
  it('falls back to the code of the line, without indentation or comment', () => {
    const brace = '  } else { // x';
    expect(cut(brace, spanAt(brace, 1))).toBe('} else {');
  });
  it('tells a write from a read by what follows the span', () => {
    const rmw = '  ext.Count = ext.Count + 1;';
    expect(accessAt(rmw, spanAt(rmw, 7))).toBe('written');
    expect(accessAt(rmw, spanAt(rmw, 19))).toBe('read');
    expect(accessAt('  if (ext.Count === 1) {', spanAt('  if (ext.Count === 1) {', 11))).toBe('read');
    expect(accessAt('  ext.Count += 2;', spanAt('  ext.Count += 2;', 7))).toBe('written');
    expect(accessAt('  ext.Count++;', spanAt('  ext.Count++;', 7))).toBe('written');
  });
});

describe('buildSnippet and renderSnippet', () => {
  const write: SnippetSite = { file: 'driver.ts', line: 27, column: 7, source: '  ext.Count = ext.Count + 1;', label: 'written here on CPU 0, holding ext.Lock', primary: false };
  const read: SnippetSite = { file: 'driver.ts', line: 34, column: 18, source: '  ext.Seen = ext.Count;', label: 'read here on CPU 1, no lock', primary: true };

  it('shows both sides in one snippet, in line order, with a gap between them', () => {
    const blocks = buildSnippet([read, write]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ file: 'driver.ts', line: 34, column: 18 });
    expect(blocks[0]!.lines.map((l) => l.line)).toEqual([27, 34]);
    const lines = renderSnippet(blocks, plain());
    expect(lines[0]).toBe('  --> driver.ts:34:18');
    expect(lines).toContain('...');
    const source = lines.findIndex((l) => l.startsWith('34 | '));
    const marks = lines[source + 1]!;
    // The marks sit under the expression: the same column in the mark line as in the source line.
    expect(marks.indexOf('^')).toBe(lines[source]!.indexOf('ext.Count'));
    expect(marks).toMatch(/\^{9} read here on CPU 1, no lock$/);
    const other = lines.findIndex((l) => l.startsWith('27 | '));
    expect(lines[other + 1]!.indexOf('-')).toBe(lines[other]!.indexOf('ext.Count'));
    expect(lines[other + 1]).toMatch(/-{9} written here on CPU 0, holding ext\.Lock$/);
  });

  it('puts two marks of one line on two rows, the primary first, and no gap between adjacent lines', () => {
    const sameLine = { ...write, line: 34, source: read.source, column: 3, label: 'written here' };
    const blocks = buildSnippet([sameLine, read, { ...write, line: 35, source: '  return x;', column: 3, label: 'returns' }]);
    const [first] = blocks[0]!.lines;
    expect(first!.marks.map((m) => [m.primary, m.from, m.to])).toEqual([
      [true, 14, 23],
      [false, 3, 11],
    ]);
    expect(renderSnippet(blocks, plain())).not.toContain('...');
  });

  it('opens a second --> block for a related site in another file', () => {
    const elsewhere = { ...write, file: 'helpers.ts' };
    const blocks = buildSnippet([elsewhere, read]);
    expect(blocks.map((b) => b.file)).toEqual(['driver.ts', 'helpers.ts']);
    expect(renderSnippet(blocks, plain()).filter((l) => l.includes('-->'))).toEqual(['  --> driver.ts:34:18', '  --> helpers.ts:27:7']);
  });

  it('keeps the marks under the expression when the line holds a tab or an escape made visible', () => {
    const hostile = { ...read, source: '\text.Seen\u001b = ext.Count;', column: 17 };
    const [block] = buildSnippet([hostile]);
    const line = block!.lines[0]!;
    expect(line.text).not.toContain('\u001b');
    expect(line.text.slice(line.marks[0]!.from - 1, line.marks[0]!.to - 1)).toBe('ext.Count');
  });
});
