import { describe, expect, it } from 'vitest';
import { mixSeed, Rng } from '../explore/rng.js';
import { Draw } from './draw.js';

/** A Draw over a seeded stream, as a schedule's entropy gives one. */
const seeded = (seed: number): Draw => {
  const rng = new Rng(mixSeed(seed, 2));
  return new Draw(() => rng.next());
};

describe('Draw', () => {
  it('int(min, max) gives every value of the range and nothing outside it (seed 7)', () => {
    const draw = seeded(7);
    const counts = new Map<number, number>();
    for (let i = 0; i < 6000; i++) {
      const v = draw.int(-2, 3);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    // Uniform: each of the 6 values about 1000 times.
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
  });

  it('int(n, n) is n, and the extremes of the source map to the ends of the range', () => {
    expect(seeded(1).int(5, 5)).toBe(5);
    expect(new Draw(() => 0).int(1, 8)).toBe(1);
    expect(new Draw(() => 0xffffffff).int(1, 8)).toBe(8);
  });

  it('the same source gives the same draws (seed 3), another seed others (seed 4)', () => {
    const run = (draw: Draw): unknown[] => [draw.int(1, 100), draw.pick(['a', 'b', 'c']), draw.shuffle([1, 2, 3, 4, 5]), draw.distinct(4, 10, 20)];
    expect(run(seeded(3))).toEqual(run(seeded(3)));
    expect(JSON.stringify(run(seeded(3)))).not.toBe(JSON.stringify(run(seeded(4))));
  });

  it('pick gives elements of the list, each of them sometimes (seed 11)', () => {
    const draw = seeded(11);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(draw.pick(['x', 'y', 'z']));
    expect([...seen].sort()).toEqual(['x', 'y', 'z']);
  });

  it('shuffle returns a permutation and leaves its argument alone (seed 5)', () => {
    const draw = seeded(5);
    const list = [1, 2, 3, 4, 5, 6, 7, 8];
    const orders = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const out = draw.shuffle(list);
      expect([...out].sort((a, b) => a - b)).toEqual(list);
      orders.add(out.join());
    }
    expect(list).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(orders.size).toBeGreaterThan(40);
    expect(draw.shuffle([])).toEqual([]);
  });

  it('distinct gives `count` different values in the range, the whole range when it must (seed 9)', () => {
    const draw = seeded(9);
    for (let i = 0; i < 100; i++) {
      const values = draw.distinct(5, 100, 110);
      expect(new Set(values).size).toBe(5);
      for (const v of values) expect(v >= 100 && v <= 110).toBe(true);
    }
    expect([...draw.distinct(4, 1, 4)].sort()).toEqual([1, 2, 3, 4]);
    expect(draw.distinct(0, 1, 1)).toEqual([]);
  });

  it('throws a TypeError on arguments that name no choice', () => {
    const draw = seeded(1);
    expect(() => draw.int(3, 2)).toThrow(TypeError);
    expect(() => draw.int(1.5, 2)).toThrow(TypeError);
    expect(() => draw.int(0, 2 ** 32)).toThrow(TypeError);
    expect(() => draw.pick([])).toThrow(TypeError);
    expect(() => draw.distinct(3, 1, 2)).toThrow(TypeError);
    expect(() => draw.distinct(-1, 1, 2)).toThrow(TypeError);
  });
});
