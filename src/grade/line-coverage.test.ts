import { describe, expect, it } from 'vitest';
import { lineCoverage, MAX_NEVER_RAN } from './line-coverage.js';

const at = (line: number, routine: string | null = 'DispatchRead', file = 'driver.ts') => ({ file, line, routine });

describe('line coverage', () => {
  it('merges never-ran lines across lines without statements, and splits at a line that ran', () => {
    // Statements on 10, 11 (ran); 13, 14, 17 (never: 15–16 hold none); 18 ran; 20 never.
    const statements = [at(10), at(11), at(13), at(14), at(17), at(18), at(20)];
    expect(lineCoverage(statements, '1100010')).toEqual({
      statements: { total: 7, ran: 3 },
      neverRan: [
        { file: 'driver.ts', from: 13, to: 17, routine: 'DispatchRead' },
        { file: 'driver.ts', from: 20, to: 20, routine: 'DispatchRead' },
      ],
      omitted: 0,
    });
  });

  it('calls a line never-ran when any statement on it never ran (`if (!p) return …;` whose return never ran)', () => {
    expect(lineCoverage([at(5), at(5), at(6)], '101').neverRan).toEqual([{ file: 'driver.ts', from: 5, to: 5, routine: 'DispatchRead' }]);
  });

  it('splits a range where the routine changes, and keeps files apart', () => {
    const statements = [at(3, 'Helper'), at(4, 'Helper'), at(7, 'DispatchRead'), at(2, 'Other', 'queue.ts')];
    expect(lineCoverage(statements, '0000').neverRan).toEqual([
      { file: 'driver.ts', from: 3, to: 4, routine: 'Helper' },
      { file: 'driver.ts', from: 7, to: 7, routine: 'DispatchRead' },
      { file: 'queue.ts', from: 2, to: 2, routine: 'Other' },
    ]);
  });

  it('says nothing never ran when every statement ran', () => {
    expect(lineCoverage([at(1), at(2), at(9)], '111')).toEqual({ statements: { total: 3, ran: 3 }, neverRan: [], omitted: 0 });
  });

  it('lists at most MAX_NEVER_RAN ranges and counts the rest', () => {
    const statements = Array.from({ length: 2 * (MAX_NEVER_RAN + 7) }, (_, i) => at(i + 1));
    const ran = '01'.repeat(MAX_NEVER_RAN + 7);
    const coverage = lineCoverage(statements, ran);
    expect(coverage.neverRan).toHaveLength(MAX_NEVER_RAN);
    expect(coverage.omitted).toBe(7);
  });
});
