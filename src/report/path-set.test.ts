import { describe, expect, it } from 'vitest';
import { PathSet } from './path-set.js';

describe('PathSet', () => {
  const set = new PathSet(['ext.Queue', 'ext.Count', 'g']);

  it('covers a path and what is inside it, and nothing else', () => {
    for (const field of ['ext.Queue', 'ext.Queue.Flink', 'ext.Queue[3]', 'ext.Count', 'g.x', 'g']) expect(set.covers(field), field).toBe(true);
    for (const field of ['ext.QueueX', 'ext.Que', 'ext', 'ext.Counts.x', 'h', '', 'gx']) expect(set.covers(field), field).toBe(false);
    expect(new PathSet([]).covers('ext.Count')).toBe(false);
  });

  it('takes a megabyte of paths and answers a megabyte field in one pass each', () => {
    const deep = 'ext.'.repeat(1 << 18);
    const big = new PathSet([deep.slice(0, -1), ...Array.from({ length: 10_000 }, (_, i) => `ext.f${i}`)]);
    expect(big.covers(`${deep}x`)).toBe(true);
    expect(big.covers(`${deep.slice(0, -1)}x`)).toBe(false);
    expect(big.covers('ext.f9999[1]')).toBe(true);
  }, 20_000);
});
