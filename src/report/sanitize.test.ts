import { describe, expect, it } from 'vitest';
import { csvCell, githubData, githubProperty, guardLines, inertJson, logText, mapStrings, markdownText, quoteLines, visibleText, xmlText } from './sanitize.js';

describe('visibleText', () => {
  it.each([
    ['ESC c (reset)', '\u001bc', '\\x1bc'],
    ['ESC 7 (save cursor)', '\u001b7', '\\x1b7'],
    ['ESC ( 0 (line drawing)', '\u001b(0', '\\x1b(0'],
    ['a CSI sequence', '\u001b[2J\u001b[H', '\\x1b[2J\\x1b[H'],
    ['an OSC sequence ended by BEL', '\u001b]0;title\u0007', '\\x1b]0;title\\x07'],
    ['an OSC sequence ended by ST', '\u001b]8;;http://x\u001b\\', '\\x1b]8;;http://x\\x1b\\'],
    ['the 8-bit CSI', '\u009b2J', '\\x9b2J'],
    ['NEL and other C1', '\u0085\u0090\u009d', '\\x85\\x90\\x9d'],
    ['a lone CR', 'Score 0/23\rScore 23/23', 'Score 0/23\\x0dScore 23/23'],
    ['BEL, backspace, NUL, DEL', '\u0007\u0008\u0000\u007f', '\\x07\\x08\\x00\\x7f'],
    ['bidi overrides and isolates', '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069', '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069'],
    ['bidi marks', '\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['zero-width characters and soft hyphen', 'a\u200bb\u00adc\ufeff', 'a\\u200bb\\xadc\\ufeff'],
    ['a tag character', '\u{e0041}', '\\u{e0041}'],
    ['line and paragraph separators', '\u2028\u2029', '\\u2028\\u2029'],
    ['lone surrogates', '\ud800x\udc00', '\\ud800x\\udc00'],
    ['noncharacters XML forbids', '\ufffe\uffff', '\\ufffe\\uffff'],
  ])('writes out %s', (_name, input, shown) => {
    expect(visibleText(input)).toBe(shown);
  });

  it('keeps TAB, LF, a Windows line end as LF, printable text and paired surrogates', () => {
    expect(visibleText('a\tb\nc\r\nd ✓ 😀 é')).toBe('a\tb\nc\nd ✓ 😀 é');
  });

  it('is idempotent', () => {
    const hostile = '\u001bc\u009b\u202e\r\u0007x';
    expect(visibleText(visibleText(hostile))).toBe(visibleText(hostile));
  });
});

describe('guardLines', () => {
  it('writes out the first colon of a line that starts with ::, past blanks and colors', () => {
    expect(guardLines('::error::forged')).toBe('\\x3a:error::forged');
    expect(guardLines('ok\n   ::add-mask::x')).toBe('ok\n   \\x3a:add-mask::x');
    expect(guardLines('\u001b[2m  ::error::x\u001b[22m')).toBe('\u001b[2m  \\x3a:error::x\u001b[22m');
    expect(guardLines('\u00a0\u3000::notice::x')).toBe('\u00a0\u3000\\x3a:notice::x');
  });

  it('writes out ##[ anywhere in a line', () => {
    expect(guardLines('text ##[error]forged and ###[x')).toBe('text #\\x23[error]forged and ##\\x23[x');
  });

  it('leaves other lines alone', () => {
    expect(guardLines('a::b\n  x :: y\n  | ::error::quoted')).toBe('a::b\n  x :: y\n  | ::error::quoted');
  });

  it('logText makes a string safe to print line by line in a CI log', () => {
    expect(logText('msg\n::error::x\r\n\u001bc')).toBe('msg\n\\x3a:error::x\n\\x1bc');
  });
});

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\\x0d=1"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['esc\u001bc', 'esc\\x1bc'],
    ['alice', 'alice'],
  ])('%j → %j', (input, cell) => {
    expect(csvCell(input)).toBe(cell);
  });

  it('writes numbers as they are, negative ones too', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
  });
});

describe('inertJson', () => {
  it('escapes what JSON.stringify leaves raw, and reads back the same data', () => {
    const data = { s: 'a\u009bb\u202ec\u2028d\u{e0041}\u001be\ud800' };
    const json = inertJson(data, 2);
    expect(json).toMatch(/^[\n\u0020-\u007e]*$/);
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u202e');
    expect(json).toContain('\\udb40\\udc41');
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe('per-format escaping', () => {
  it('xmlText: visible, then entities', () => {
    expect(xmlText('<a href="x">&\'\u001b\u0000</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\x1b\\x00&lt;/a&gt;');
  });

  it('githubData and githubProperty: visible, then the runner’s codes', () => {
    expect(githubData('100%\nnext\r\u001bc')).toBe('100%25%0Anext\\x0d\\x1bc');
    expect(githubProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('markdownText: visible, markdown escaped, one line', () => {
    expect(markdownText('| *x* <b>\n\u202e')).toBe('\\| \\*x\\* \\<b\\> \\\\u202e');
  });

  it('quoteLines: visible, every line indented', () => {
    expect(quoteLines('::error::x\n\u001bc')).toBe('  | ::error::x\n  | \\x1bc');
  });
});

describe('mapStrings', () => {
  it('maps every string of plain data with its key, and leaves the rest and the input alone', () => {
    const data = { a: 'x', b: [1, 'y', { source: 'z' }], c: null, d: true };
    const mapped = mapStrings(data, (text, key) => (key === 'source' ? text : text.toUpperCase()));
    expect(mapped).toEqual({ a: 'X', b: [1, 'Y', { source: 'z' }], c: null, d: true });
    expect(data.a).toBe('x');
  });
});

describe('one pass over pathological inputs (~1 MB)', () => {
  const mb = 1 << 20;
  const inputs: ReadonlyArray<readonly [string, string]> = [
    ['escape sequences', '\u001b['.repeat(mb / 2)],
    ['colons at every line start', '::\n'.repeat(mb / 3)],
    ['blanks and color codes before no colon', `${' \u001b[0m'.repeat(mb / 5)}x`],
    ['##[ everywhere', '##['.repeat(mb / 3)],
    ['a CSV cell of quotes', '"'.repeat(mb)],
    ['lone surrogates', '\ud800'.repeat(mb)],
  ];
  it.each(inputs)('%s', (_name, input) => {
    for (const out of [visibleText(input), guardLines(input), csvCell(input), inertJson({ input }), xmlText(input), githubProperty(input)]) expect(out.length).toBeGreaterThan(0);
  }, 20_000);
});
