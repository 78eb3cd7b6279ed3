import { describe, expect, it } from 'vitest';
import { capText } from './text-cap.js';

describe('capText', () => {
  it('leaves text within the cap alone', () => {
    expect(capText('abc', 3)).toBe('abc');
  });

  it('cuts longer text to at most the cap, saying how much was cut', () => {
    const capped = capText('x'.repeat(5_000_000), 500);
    expect(capped.length).toBeLessThanOrEqual(500);
    expect(capped).toMatch(/^x+… \[4999532 more characters\]$/);
  });

  it('is stable: capping a capped text again, at that cap or a larger one, changes nothing', () => {
    const once = capText('y'.repeat(10_000), 500);
    expect(capText(once, 500)).toBe(once);
    expect(capText(once, 2_000)).toBe(once);
  });

  it('never splits a surrogate pair', () => {
    const capped = capText('😀'.repeat(100), 81);
    expect(capped.startsWith('😀'.repeat(24))).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(capped)).toBe(false);
  });

  it('keeps the start of a tiny cap and adds the note', () => {
    expect(capText('abcdef', 3)).toBe('abc… [3 more characters]');
  });
});
