import { describe, expect, it } from 'vitest';
import { checkOfCode, ERROR_CODES, errorCodeOf } from './error-codes.js';
import { CHECK_IDS } from './finding.js';

describe('error codes', () => {
  it('gives every check id one code of the form SL0000, no two checks the same', () => {
    const codes = CHECK_IDS.map((id) => ERROR_CODES[id]);
    for (const code of codes) expect(code).toMatch(/^SL\d{4}$/);
    expect(new Set(codes).size).toBe(CHECK_IDS.length);
  });

  it('keeps the published numbers (a code is never renumbered)', () => {
    expect(ERROR_CODES['uninitialized-lock']).toBe('SL0001');
    expect(ERROR_CODES['data-race']).toBe('SL0015');
    expect(ERROR_CODES.invariant).toBe('SL0020');
  });

  it('maps a code back to its check, in any case, and nothing for an unknown one', () => {
    expect(checkOfCode('sl0015')).toBe('data-race');
    expect(checkOfCode('SL9999')).toBeUndefined();
    expect(errorCodeOf('no-such-check')).toBeUndefined();
  });
});
