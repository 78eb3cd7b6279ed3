import { describe, expect, it } from 'vitest';
import { terminalProblems } from '../../test/helpers/inert.js';
import { HOSTILE, sampleResult } from '../../test/helpers/result.js';
import type { GradeResult } from '../rubric/result.js';
import { diffClasses } from './class-diff.js';
import { renderClassDiffText } from './class-diff-text.js';

/** The sample result (init 3, race 2, secret 1) for `submission` with `points` by item id. */
function student(submission: string, points: Record<string, number>, extra: Partial<GradeResult> = {}): GradeResult {
  const items = sampleResult().items.map((item) => ({ ...item, points: points[item.id] ?? item.maxPoints }));
  return sampleResult({ submission, items, score: items.reduce((s, i) => s + i.points, 0), maxScore: 6, ...extra });
}

describe('diffClasses', () => {
  const before = [student('alice', {}), student('bob', { race: 0 }), student('carol', { secret: 0 }), student('gone', {})];
  const after = [student('alice', {}), student('bob', { race: 2 }), student('carol', { init: 0 }), student('new', {})];
  const diff = diffClasses(before, after);

  it('names each student whose points changed, with the items that changed', () => {
    expect(diff.changed.map((c) => [c.submission, c.before.score, c.after.score, c.delta, c.items])).toEqual([
      ['bob', 4, 6, 2, [{ id: 'race', before: 0, after: 2 }]],
      ['carol', 5, 3, -2, [{ id: 'init', before: 3, after: 0 }, { id: 'secret', before: 0, after: 1 }]],
    ]);
    expect(diff).toMatchObject({ compared: 3, gained: 1, lost: 1, onlyBefore: ['gone'], onlyAfter: ['new'] });
  });

  it('gives the mean of the students in both, before and after', () => {
    expect([diff.meanBefore, diff.meanAfter]).toEqual([5, 5]);
  });

  it('sums each item over the class', () => {
    expect(diff.items).toEqual([
      { id: 'init', changed: 1, gained: 0, lost: 1, delta: -3 },
      { id: 'race', changed: 1, gained: 1, lost: 0, delta: 2 },
      { id: 'secret', changed: 1, gained: 1, lost: 0, delta: 1 },
    ]);
  });

  it('finds nothing changed between a grading and itself', () => {
    const same = diffClasses(before, before);
    expect(same).toMatchObject({ compared: 4, changed: [], gained: 0, lost: 0, onlyBefore: [], onlyAfter: [], items: [] });
  });

  it('sees an item added to the rubric, and a status change at the same score', () => {
    const added = student('alice', {});
    const withNew = { ...added, items: [...added.items, { ...added.items[0]!, id: 'extra', points: 0, maxPoints: 1 }], maxScore: 7 };
    expect(diffClasses([added], [withNew]).changed[0]!.items).toEqual([{ id: 'extra', before: null, after: 0 }]);
    const crashed = student('bob', { race: 0 }, { status: 'crashed', message: 'x' });
    const changed = diffClasses([student('bob', { race: 0 })], [crashed]).changed;
    expect(changed.map((c) => [c.before.status, c.after.status, c.delta])).toEqual([['graded', 'crashed', 0]]);
  });
});

describe('renderClassDiffText', () => {
  it('says the summary and each changed student', () => {
    const text = renderClassDiffText(diffClasses([student('bob', { race: 0 })], [student('bob', {})]), { before: 'old', after: 'new' });
    expect(text).toContain('1 student(s) in both: 1 changed (1 gained, 0 lost, 0 same score); mean 4.00/6 → 6.00/6');
    expect(text).toMatch(/^ {2}bob {2}4\/6 → 6\/6 \(\+2\): race 0 → 2$/m);
  });

  it('is inert with a hostile student id', () => {
    const id = `${HOSTILE}x`;
    const text = renderClassDiffText(diffClasses([student(id, { race: 0 }), student('gone', {})], [student(id, {})]), { before: 'old', after: 'new' });
    expect(terminalProblems(text, 'diff')).toEqual([]);
  });
});
