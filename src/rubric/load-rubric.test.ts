import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric } from './load-rubric.js';

const dir = mkdtempSync(join(tmpdir(), 'spinlab-rubric-'));
function file(data: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

describe('loading a rubric', () => {
  it('fills every default', () => {
    const loaded = loadRubric(file({ exercise: 'x', items: [{ id: 'a', title: 'A', check: 'deadlock', points: 1 }] }), 'x');
    expect(loaded.rubric).toMatchObject({
      exploration: { strategy: 'pct', schedules: 200, seed: 1, maxSteps: 20000, depth: 3, bound: 2, timeLimit: 60 },
      items: [{ credit: 'all', visibility: 'visible' }],
      starterMax: 0.4,
    });
  });

  it('reads depth and bound, or their old names pctDepth and preemptionBound, and refuses a field given under both', () => {
    const items = [{ id: 'a', title: 'A', check: 'deadlock', points: 1 }];
    expect(loadRubric(file({ exercise: 'x', exploration: { strategy: 'idb', depth: 2, bound: 4 }, items })).rubric?.exploration).toMatchObject({ strategy: 'idb', depth: 2, bound: 4 });
    const old = loadRubric(file({ exercise: 'x', exploration: { pctDepth: 5, preemptionBound: 0 }, items })).rubric?.exploration;
    expect(old).toMatchObject({ depth: 5, bound: 0 });
    expect(old).not.toHaveProperty('pctDepth');
    expect(old).not.toHaveProperty('preemptionBound');
    expect(loadRubric(file({ exercise: 'x', exploration: { depth: 2, pctDepth: 2, bound: 1, preemptionBound: 3 }, items })).errors).toEqual([
      '/exploration/pctDepth: `pctDepth` is the old name of `depth`, and both are given; keep `depth` only',
      '/exploration/preemptionBound: `preemptionBound` is the old name of `bound`, and both are given; keep `bound` only',
    ]);
    expect(loadRubric(file({ exercise: 'x', exploration: { bound: -1, depth: 0 }, items })).errors).toEqual(expect.arrayContaining(['/exploration/bound: must be >= 0', '/exploration/depth: must be >= 1']));
  });

  it('reports every schema error at once, as /pointer: message', () => {
    const loaded = loadRubric(file({ exercise: 'x', exploration: { seed: -1 }, items: [{ id: 'a', points: 'two', extra: 1 }] }));
    expect(loaded.errors).toEqual(
      expect.arrayContaining([
        '/exploration/seed: must be >= 0',
        '/items/0: missing required property `title`',
        '/items/0: missing required property `check`',
        '/items/0/points: must be number',
        '/items/0: unknown property `extra`',
      ]),
    );
  });

  it('lists the known checks for an unknown one, and catches duplicate ids', () => {
    const loaded = loadRubric(
      file({ exercise: 'x', items: [{ id: 'a', title: 'A', check: 'dead-lock', points: 1 }, { id: 'a', title: 'B', check: 'deadlock', points: 1 }] }),
    );
    expect(loaded.errors).toEqual([
      '/items/0/check: Rubric item `a` names unknown check `dead-lock`; known checks: uninitialized-lock, reinitialized-lock, recursive-acquire, release-not-held, held-at-return, wrong-releaser, irql-acquire, irql-dpc-level, irql-restore, api-mismatch, queue-handle, release-order, deadlock, lock-order, data-race, unsafe-under-lock, missing-await, routine-threw, step-limit, invariant, typecheck',
      '/items/1/id: duplicate item id `a`',
    ]);
  });

  it('takes `nesting` on lock-order and release-order items only', () => {
    const item = (check: string, nesting: string) => ({ id: check, title: check, check, points: 1, nesting });
    expect(loadRubric(file({ exercise: 'x', items: [item('lock-order', 'optional'), item('release-order', 'required')] })).rubric?.items).toMatchObject([{ nesting: 'optional' }, { nesting: 'required' }]);
    expect(loadRubric(file({ exercise: 'x', items: [item('deadlock', 'optional')] })).errors).toEqual([
      '/items/0/nesting: `nesting` says whether a lock order needs nested locks; it needs "check": "lock-order" or "release-order"',
    ]);
    expect(loadRubric(file({ exercise: 'x', items: [item('lock-order', 'sometimes')] })).errors).toEqual(['/items/0/nesting: must be one of "required", "optional"']);
  });

  it('checks requires: known ids, never the item itself, no cycle', () => {
    const items = (requires: Record<string, string[]>) =>
      ['work', 'lock-use', 'release', 'typecheck'].map((id) => ({ id, title: id, check: id === 'typecheck' ? 'typecheck' : 'deadlock', points: 1, ...(requires[id] === undefined ? {} : { requires: requires[id] }) }));
    expect(loadRubric(file({ exercise: 'x', starterMax: 0.3, items: items({ 'lock-use': ['work'], release: ['lock-use', 'work'] }) })).rubric).toMatchObject({ starterMax: 0.3, items: [{}, { requires: ['work'] }, { requires: ['lock-use', 'work'] }, {}] });
    expect(loadRubric(file({ exercise: 'x', items: items({ release: ['lock-us', 'release'] }) })).errors).toEqual([
      '/items/2/requires/0: Rubric item `release` requires unknown item `lock-us` (did you mean `lock-use`?)',
      '/items/2/requires/1: Rubric item `release` requires itself',
    ]);
    expect(loadRubric(file({ exercise: 'x', items: items({ work: ['release'], 'lock-use': ['work'], release: ['lock-use'] }) })).errors).toEqual([
      '/items/0/requires: Rubric items require each other in a cycle, so none could ever count: `work` → `release` → `lock-use` → `work`',
    ]);
    expect(loadRubric(file({ exercise: 'x', starterMax: 1.5, items: items({}) })).errors).toEqual(['/starterMax: must be <= 1']);
  });

  it('says what is wrong with a file that is not JSON or not there', () => {
    expect(loadRubric(file('{ nope')).errors![0]).toMatch(/^\/: not valid JSON/);
    expect(loadRubric(join(dir, 'missing.json')).errors![0]).toMatch(/cannot read .*ENOENT/);
  });
});
