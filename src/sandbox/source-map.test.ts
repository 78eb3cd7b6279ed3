import { describe, expect, it } from 'vitest';
import { SourceMap } from './source-map.js';

describe('a bundle source map', () => {
  it('names each source as the file system does (esbuild percent-encodes what a URL may not hold)', () => {
    const map = new SourceMap({ sources: ['we ird%1B%2541.ts', 'main.ts', 'bad%E9.ts'], mappings: 'AAAA' });
    expect(map.sources).toEqual(['we ird\u001b%41.ts', 'main.ts', 'bad%E9.ts']);
    expect(map.original(1, 1)).toMatchObject({ file: 'we ird\u001b%41.ts', line: 1, column: 1 });
  });

  it('finds the segment at or before a column on a line of many (binary search)', () => {
    // Segments at columns 0, 10, 20 … 990 of line 1, each mapping to its own source line.
    const mappings = Array.from({ length: 100 }, (_, i) => (i === 0 ? 'AAAA' : 'UACA')).join(',');
    const map = new SourceMap({ sources: ['a.ts'], mappings });
    expect(map.original(1, 1)?.line).toBe(1);
    expect(map.original(1, 15)?.line).toBe(2);
    expect(map.original(1, 1000)?.line).toBe(100);
  });
});
