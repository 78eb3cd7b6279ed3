import { describe, expect, it } from 'vitest';
import { assignIds, escapeId, foldId, MAX_ID_BYTES, type ClassEntry } from './student-ids.js';

const folder = (name: string | Buffer): ClassEntry => ({ name: Buffer.from(name as string), kind: 'folder' });
const file = (name: string | Buffer): ClassEntry => ({ name: Buffer.from(name as string), kind: 'file' });
const ids = (...entries: ClassEntry[]) => assignIds(entries);

describe('student ids', () => {
  it('are the folder name, or the file name without .ts, when nothing clashes', () => {
    expect(ids(folder('bob'), file('alice.ts'), folder('josé'), file('carol smith.ts'))).toEqual(['bob', 'alice', 'josé', 'carol smith']);
  });

  it('keep alice/ and alice.ts apart: the file keeps its .ts', () => {
    expect(ids(folder('alice'), file('alice.ts'))).toEqual(['alice', 'alice.ts']);
    expect(ids(file('alice.ts'), folder('alice'))).toEqual(['alice.ts', 'alice']);
  });

  it('keep apart what a case-insensitive or normalizing file system would merge', () => {
    expect(ids(folder('Alice'), file('alice.ts'))).toEqual(['Alice', 'alice.ts']);
    const [a, b] = ids(folder('Alice'), folder('alice'));
    expect([a, b]).toEqual(['Alice', 'alice~2']);
    // é precomposed and decomposed: one name on macOS.
    expect(new Set(ids(folder('jos\u00e9'), folder('jose\u0301')).map(foldId)).size).toBe(2);
  });

  it('never change an id that clashes with nothing, even when a suffix would take it', () => {
    expect(ids(folder('Alice'), folder('alice'), folder('alice~2'))).toEqual(['Alice', 'alice~3', 'alice~2']);
  });

  it('are the same whatever order the folder lists its entries in', () => {
    const entries = [folder('b'), file('B.ts'), folder('a'), file('a.ts'), folder('A')];
    const byName = (list: ClassEntry[]) => Object.fromEntries(list.map((e, i) => [`${e.kind}:${e.name}`, assignIds(list)[i]]));
    expect(byName([...entries].reverse())).toEqual(byName(entries));
  });

  it('are unique over a class of clashing names', () => {
    const entries = ['x', 'X', 'x.ts', 'X.ts', 'x~2', 'x.ts~2'].flatMap((n) => [folder(n), file(`${n}.ts`)]);
    const assigned = assignIds(entries);
    expect(new Set(assigned.map(foldId)).size).toBe(entries.length);
  });

  it('write unsafe characters as %XX and bytes that are not UTF-8 as their value', () => {
    expect(ids(folder(Buffer.from([0x4a, 0x6f, 0x73, 0xe9])))).toEqual(['Jos%E9']);
    expect(ids(folder('a\u001b[2Jb'), folder('c\nd'), folder('100%'), folder('a:b|c'), folder('rtl\u202egpj'))).toEqual(['a%1B[2Jb', 'c%0Ad', '100%25', 'a%3Ab%7Cc', 'rtl%E2%80%AEgpj']);
    expect(ids(folder('trailing.'), folder('con'), file('NUL.ts'))).toEqual(['trailing%2E', '%63on', '%4EUL']);
  });

  it('write a first = + - @ as %XX, so grades.csv never has to guard an id (a spreadsheet formula)', () => {
    expect(ids(folder('=cmd'), folder('+1'), file('-bob.ts'), folder('@home'), folder('a=b'))).toEqual(['%3Dcmd', '%2B1', '%2Dbob', '%40home', 'a=b']);
  });

  it('cut a very long name, ending in a hash of the whole, so two long names stay apart', () => {
    const long = 'x'.repeat(250);
    const [a, b] = ids(folder(long), folder(`${'x'.repeat(249)}y`));
    expect(Buffer.byteLength(a!)).toBeLessThanOrEqual(MAX_ID_BYTES);
    expect(a).toMatch(/^x+~[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    // Never inside a %XX escape.
    expect(escapeId(Buffer.alloc(200, 0xff), Buffer.alloc(200, 0xff))).toMatch(/^(%FF)+~[0-9a-f]{8}$/);
  });
});
