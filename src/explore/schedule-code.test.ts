import { describe, expect, it } from 'vitest';
import { encodeSchedule, isScheduleCode, scheduleCodeDamage, ScheduleReader } from './schedule-code.js';
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

  it('refuses every code one character away from a real one as damaged (checksum mismatch), and takes the real one', () => {
    const rng = new Rng(11);
    const radices = Array.from({ length: 120 }, () => 1 + rng.below(5));
    const codes = [
      encodeSchedule(0x1234abcd, 0x9e3779b9, radices.map((r) => rng.below(r)), radices), // raw
      encodeSchedule(7, 8, new Array<number>(600).fill(1), new Array<number>(600).fill(3), true), // deflated, with faults
    ];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const code of codes) {
      expect(scheduleCodeDamage(code)).toBeNull();
      const damaged: string[] = [];
      for (let i = 0; i < code.length; i++) {
        damaged.push(code.slice(0, i) + code.slice(i + 1));
        for (const c of alphabet) if (c !== code[i]) damaged.push(code.slice(0, i) + c + code.slice(i + 1));
      }
      const accepted = damaged.filter((d) => scheduleCodeDamage(d) === null);
      expect({ code, tried: damaged.length, accepted }).toEqual({ code, tried: code.length * 64, accepted: [] });
    }
  });

  it('refuses a code of the format before the checksum (version byte 1: raw)', () => {
    const old = Buffer.from([1, 1, 0, 0, 0, 2, 0, 0, 0, 0]).toString('base64url');
    expect(scheduleCodeDamage(old)).toBe('checksum mismatch');
  });
});
