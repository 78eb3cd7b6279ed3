import { describe, expect, it } from 'vitest';
import { encodeSchedule, isScheduleCode, ScheduleReader } from './schedule-code.js';
import { Rng } from './rng.js';

describe('schedule codes', () => {
  it('round-trip choices of mixed radices (seed 7)', () => {
    const rng = new Rng(7);
    const radices = Array.from({ length: 500 }, () => 1 + rng.below(9));
    const choices = radices.map((r) => rng.below(r));
    const code = encodeSchedule(0xdeadbeef, 0x12345678, choices, radices);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    const reader = new ScheduleReader(code);
    expect(reader.seed).toBe(0xdeadbeef);
    expect(reader.digest).toBe(0x12345678);
    expect(radices.map((r) => reader.next(r))).toEqual(choices);
    expect(reader.next(4)).toBe(-1);
  });

  it('compresses long runs of the same choice', () => {
    const radices = new Array<number>(2000).fill(4);
    const code = encodeSchedule(1, 2, new Array<number>(2000).fill(0), radices);
    expect(code.length).toBeLessThan(60);
  });

  it('rejects what is not a code', () => {
    expect(isScheduleCode('not a code!')).toBe(false);
    expect(isScheduleCode('AAAA')).toBe(false);
    expect(isScheduleCode(encodeSchedule(1, 2, [1], [2]))).toBe(true);
  });
});
