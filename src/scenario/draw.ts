/**
 * Draws from one schedule's seeded random stream: what a scenario varies
 * its workload by (how many requests, from how many threads, with which
 * lengths and values), so that no constant in a driver can match it.
 */

/** 2^32: the size of the stream's values. */
const SPAN = 4294967296;

/**
 * Deterministic choices over a source of 32-bit values. A scenario gets one
 * in its `workload(draw)`; the source is the strategy's entropy for the
 * schedule, which the schedule code records, so a replay draws the same
 * values in the same order. Every method throws a `TypeError` on arguments
 * that name no choice (a scenario bug, reported as the grader's failure).
 */
export class Draw {
  /** `next` gives uniform 32-bit unsigned integers (the schedule's entropy). */
  constructor(private readonly next: () => number) {}

  /** An integer from `min` to `max`, both included, uniform (to within 2^-32). */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min || max - min >= SPAN) {
      throw new TypeError(`draw.int(min, max): integers with min ≤ max and fewer than 2^32 values apart, got (${String(min)}, ${String(max)})`);
    }
    return min + Math.floor((this.next() / SPAN) * (max - min + 1));
  }

  /** One element of `list`, each equally likely. */
  pick<T>(list: readonly T[]): T {
    if (!Array.isArray(list) || list.length === 0) throw new TypeError('draw.pick(list): a non-empty array');
    return list[this.int(0, list.length - 1)]!;
  }

  /** The elements of `list` in a random order, every order equally likely (a new array; Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[] {
    if (!Array.isArray(list)) throw new TypeError('draw.shuffle(list): an array');
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /**
   * `count` different integers from `min` to `max`, in a random order — for
   * values that must tell requests apart (a word read twice, a word lost).
   */
  distinct(count: number, min: number, max: number): number[] {
    if (!Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max - min + 1 < count) {
      throw new TypeError(`draw.distinct(count, min, max): ${String(count)} different integers do not fit from ${String(min)} to ${String(max)}`);
    }
    // Floyd's algorithm: `count` draws, whatever the range.
    const chosen = new Set<number>();
    for (let top = max - count + 1; top <= max; top++) {
      const value = this.int(min, top);
      chosen.add(chosen.has(value) ? top : value);
    }
    return this.shuffle([...chosen]);
  }
}
