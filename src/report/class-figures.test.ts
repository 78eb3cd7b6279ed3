import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/helpers/result.js';
import type { GradeResult } from '../rubric/result.js';
import { classFigures, mostLost, SLOWEST } from './class-figures.js';

/** The sample result (items init 3, race 2, secret 1) with `points` by item id, a status and a time. */
function student(submission: string, points: Record<string, number>, extra: Partial<GradeResult> = {}): GradeResult {
  const base = sampleResult();
  const items = base.items.map((item) => {
    const p = points[item.id] ?? item.maxPoints;
    return { ...item, points: p, passed: p === item.maxPoints };
  });
  return { ...base, submission, items, score: items.reduce((s, i) => s + i.points, 0), ...extra };
}

const COMPILE = { status: 'compile-error', message: 'the submission does not compile' } as const;

describe('classFigures', () => {
  const results = [
    student('alice', {}, { timing: { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: 900 } }),
    student('bob', { race: 0 }, { timing: { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: 3000 } }),
    student('carol', { race: 1, secret: 0 }),
    student('dave', { init: 0, race: 0, secret: 0 }, { ...COMPILE, timing: { compileMs: 0, typecheckMs: 0, exploreMs: 0, totalMs: 50 } }),
  ];
  const figures = classFigures(results);

  it('counts, per item in rubric order, the students who lost any of its points, and those among the graded', () => {
    expect(figures.items.map((i) => [i.id, i.students, i.lost, i.lostPercent, i.graded, i.gradedLost, i.meanPoints])).toEqual([
      ['init', 4, 1, 25, 3, 0, 2.25],
      ['race', 4, 3, 75, 3, 2, 0.75],
      ['secret', 4, 2, 50, 3, 1, 0.5],
    ]);
    expect(figures.items[1]).toMatchObject({ title: 'No race on <Count> & "friends"', maxPoints: 2, visibility: 'visible' });
  });

  it('says no item is lost when every student has full marks', () => {
    const full = classFigures([student('a', {}), student('b', {})]);
    expect(full.items.every((i) => i.lost === 0 && i.lostPercent === 0)).toBe(true);
    expect(mostLost(full, 3)).toEqual([]);
    expect(full.fullMarks).toBe(2);
  });

  it('orders the most-lost items by students lost, ties in rubric order', () => {
    expect(mostLost(figures, 3).map((i) => i.id)).toEqual(['race', 'secret', 'init']);
    expect(mostLost(figures, 1).map((i) => i.id)).toEqual(['race']);
  });

  it('draws a bar per whole score up to the maximum', () => {
    // Scores: alice 6, bob 4, carol 4, dave 0 (compile-error).
    expect(figures.histogram.map((b) => [b.from, b.count])).toEqual([[0, 1], [1, 0], [2, 0], [3, 0], [4, 2], [5, 0], [6, 1]]);
    expect(figures.histogram.reduce((s, b) => s + b.count, 0)).toBe(results.length);
  });

  it('draws ten bars when the maximum is large, the top score in the last', () => {
    const wide = classFigures([0, 9.5, 10, 55, 99.9, 100].map((score, i) => student(`s${i}`, {}, { score, maxScore: 100 })));
    expect(wide.histogram).toHaveLength(10);
    expect(wide.histogram.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(wide.histogram[9]).toMatchObject({ from: 90, to: 100 });
  });

  it('lists every submission not graded with its message, and no graded one', () => {
    expect(figures.ungraded).toEqual([{ submission: 'dave', status: 'compile-error', message: 'the submission does not compile' }]);
    expect(classFigures([student('a', {})]).ungraded).toEqual([]);
  });

  it('keeps mean, median, statuses and the slowest, slowest first', () => {
    expect(figures).toMatchObject({ exercise: 'e2e-count', students: 4, maxScore: 6, mean: 3.5, median: 4, fullMarks: 1 });
    expect(figures.statuses).toEqual({ graded: 3, 'compile-error': 1, crashed: 0, 'timed-out': 0, 'grader-error': 0 });
    expect(figures.slowest.map((s) => s.submission)).toEqual(['bob', 'carol', 'alice', 'dave']);
    const many = classFigures(Array.from({ length: SLOWEST + 5 }, (_, i) => student(`s${i}`, {})));
    expect(many.slowest).toHaveLength(SLOWEST);
  });

  it('gives zeros, not NaN, for an empty class', () => {
    const empty = classFigures([]);
    expect(empty).toMatchObject({ students: 0, mean: 0, median: 0, items: [], ungraded: [], slowest: [] });
  });
});
