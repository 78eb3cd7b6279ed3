import { describe, expect, it } from 'vitest';
import { applyRequirements, requirementCycle } from './requirements.js';
import type { ResultItem } from './result.js';
import type { RubricItem } from './rubric.js';

const rubricItem = (id: string, requires?: string[]): RubricItem => ({ id, title: id, check: 'deadlock', points: 2, credit: 'all', visibility: 'visible', ...(requires === undefined ? {} : { requires }) });
const scored = (id: string, passed: boolean, points = passed ? 2 : 0): ResultItem => ({
  id,
  title: id,
  check: 'deadlock',
  points,
  maxPoints: 2,
  passed,
  visibility: 'visible',
  credit: 'all',
  schedulesRun: 1,
  schedulesFailed: passed ? 0 : 1,
  firstFailedSchedule: passed ? null : 0,
  findings: [],
});

describe('requires', () => {
  const items = [rubricItem('work'), rubricItem('lock-use', ['work']), rubricItem('release', ['lock-use']), rubricItem('typecheck')];

  it('changes nothing when every requirement passed, and says the requirements and the own verdict', () => {
    const result = applyRequirements(items, [scored('work', true), scored('lock-use', true), scored('release', true), scored('typecheck', true)]);
    expect(result.map((i) => [i.id, i.passed, i.points, i.unmet])).toEqual([['work', true, 2, undefined], ['lock-use', true, 2, undefined], ['release', true, 2, undefined], ['typecheck', true, 2, undefined]]);
    expect(result[1]).toMatchObject({ requires: ['work'], passedOwn: true });
    expect(result[0]).not.toHaveProperty('requires');
  });

  it('loses an item whose requirement did not pass, naming it, and so every item that requires that one (transitively)', () => {
    const result = applyRequirements(items, [scored('work', false), scored('lock-use', true), scored('release', true), scored('typecheck', true)]);
    expect(result[1]).toMatchObject({ passed: false, points: 0, requires: ['work'], unmet: ['work'], passedOwn: true });
    expect(result[2]).toMatchObject({ passed: false, points: 0, unmet: ['lock-use'], passedOwn: true });
    expect(result[3]).toMatchObject({ passed: true, points: 2 });
  });

  it('keeps an item that failed on its own failed, with its own verdict', () => {
    const result = applyRequirements(items, [scored('work', true), scored('lock-use', false), scored('release', false), scored('typecheck', true)]);
    expect(result[1]).toMatchObject({ passed: false, passedOwn: false });
    expect(result[1]).not.toHaveProperty('unmet');
    expect(result[2]).toMatchObject({ passed: false, unmet: ['lock-use'], passedOwn: false });
  });

  it('takes the points of a fraction item whose requirement did not pass', () => {
    const fraction = [rubricItem('work'), { ...rubricItem('share', ['work']), credit: 'fraction' as const }];
    const [, share] = applyRequirements(fraction, [scored('work', false), scored('share', false, 1.4)]);
    expect(share).toMatchObject({ points: 0, unmet: ['work'] });
  });

  describe('an invariant that was never reached in some schedules', () => {
    const invariant = (failed: number, unreached: number, run = 10): ResultItem => ({ ...scored('work', failed === 0), check: 'invariant', schedulesRun: run, schedulesFailed: failed, schedulesUnreached: unreached });
    const apply = (work: ResultItem) => applyRequirements(items, [work, scored('lock-use', true), scored('release', true), scored('typecheck', true)]);

    it('still vouches for the work when it held in every schedule that reached its final state (a hang stopped the others)', () => {
      const [work, lockUse, release] = apply(invariant(3, 3));
      expect(work).toMatchObject({ passed: false, points: 0 });
      expect(lockUse).toMatchObject({ passed: true, points: 2 });
      expect(release).toMatchObject({ passed: true, points: 2 });
    });

    it('does not when it failed on a final state too, or when no schedule reached one', () => {
      expect(apply(invariant(4, 3))[1]).toMatchObject({ passed: false, unmet: ['work'] });
      expect(apply(invariant(10, 10))[1]).toMatchObject({ passed: false, unmet: ['work'] });
    });

    it('does not when the schedules it did not fail judged nothing (fault runs whose driver declined to start)', () => {
      // 200 schedules never reached the end; the other 6 declined at the start: no schedule judged the work.
      const judged = (id: string) => id !== 'work';
      const result = applyRequirements(items, [invariant(200, 200, 206), scored('lock-use', true), scored('release', true), scored('typecheck', true)], judged);
      expect(result[1]).toMatchObject({ passed: false, points: 0, unmet: ['work'] });
      // Judged in one of them, it vouches as before.
      expect(applyRequirements(items, [invariant(200, 200, 206), scored('lock-use', true), scored('release', true), scored('typecheck', true)], () => true)[1]).toMatchObject({ passed: true });
    });

    it('vouches only as an invariant: another check failed in a stopped schedule is failed', () => {
      const other = { ...invariant(3, 3), check: 'deadlock' };
      expect(apply(other)[1]).toMatchObject({ passed: false, unmet: ['work'] });
    });
  });

  it('finds a cycle, and none where there is none', () => {
    expect(requirementCycle(items)).toBeNull();
    expect(requirementCycle([rubricItem('a', ['b']), rubricItem('b', ['c']), rubricItem('c', ['a'])])).toEqual(['a', 'b', 'c', 'a']);
    expect(requirementCycle([rubricItem('a', ['a'])])).toEqual(['a', 'a']);
  });
});
