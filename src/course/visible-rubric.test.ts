import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSpinlabError } from '../errors.js';
import { loadRubric } from '../rubric/load-rubric.js';
import { visibleRubric, type RubricItemJson, type RubricJson } from './visible-rubric.js';

const dir = mkdtempSync(join(tmpdir(), 'spinlab-visible-'));
const graders = join(import.meta.dirname, '../../graders');

/** Loads `rubric` as spinlab does, from a file: its errors, or []. */
function loadErrors(rubric: RubricJson, name = 'rubric'): readonly string[] {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(rubric));
  return loadRubric(path, rubric.exercise).errors ?? [];
}

const item = (id: string, extra: Partial<RubricItemJson> = {}): RubricItemJson => ({ id, title: `title of ${id}`, check: 'data-race', points: 1, ...extra });

describe('the visible-only rubric', () => {
  it('keeps every visible item of every shipped rubric, drops every other, and loads as spinlab loads a rubric', () => {
    const ids = readdirSync(graders);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const id of ids) {
      const full = JSON.parse(readFileSync(join(graders, id, 'rubric.json'), 'utf8')) as RubricJson;
      const hidden = full.items.filter((i) => (i.visibility ?? 'visible') !== 'visible');
      expect(hidden.length, id).toBeGreaterThan(0); // else this test proves nothing for it
      const visible = visibleRubric(full, '../../node_modules/spinlab/schemas/rubric.schema.json');
      expect(loadErrors(visible, id), id).toEqual([]);
      expect(visible.items.map((i) => i.id)).toEqual(full.items.filter((i) => !hidden.includes(i)).map((i) => i.id));
      const text = JSON.stringify(visible);
      for (const gone of hidden) expect(text, `${id}: ${gone.id}`).not.toContain(`"${gone.id}"`);
      expect(text).not.toMatch(/"visibility":\s*"(hidden|after_due_date|after_published)"/);
      expect(visible.$schema).toBe('../../node_modules/spinlab/schemas/rubric.schema.json');
      expect({ ...visible, items: [], $schema: '' }).toEqual({ ...full, items: [], $schema: '' }); // exploration, starterMax, seed: as they were
    }
  });

  it('removes hidden, after_due_date and after_published items, and keeps explicitly visible ones', () => {
    const full: RubricJson = {
      exercise: 'x',
      starterMax: 0.5,
      items: [item('a'), item('b', { visibility: 'visible' }), item('h', { visibility: 'hidden' }), item('d', { visibility: 'after_due_date' }), item('p', { visibility: 'after_published' })],
    };
    const visible = visibleRubric(full);
    expect(visible.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(visible.starterMax).toBe(0.5);
    expect(loadErrors(visible)).toEqual([]);
  });

  it('replaces a requirement on a removed item by what that item required, transitively, and drops one left empty', () => {
    const full: RubricJson = {
      exercise: 'x',
      items: [
        item('base'),
        item('other'),
        item('h1', { visibility: 'hidden', requires: ['h2'] }),
        item('h2', { visibility: 'hidden', requires: ['base'] }),
        item('lone', { visibility: 'hidden' }),
        item('through-hidden', { requires: ['h1', 'other', 'base'] }),
        item('on-lone', { requires: ['lone'] }),
      ],
    };
    const visible = visibleRubric(full);
    expect(visible.items.find((i) => i.id === 'through-hidden')?.requires).toEqual(['base', 'other']);
    expect(visible.items.find((i) => i.id === 'on-lone')).not.toHaveProperty('requires');
    expect(loadErrors(visible)).toEqual([]);
    // Without the rewrite, the loader would refuse it: the test's premise.
    expect(loadErrors({ ...full, items: full.items.filter((i) => i.visibility === undefined) }).join('\n')).toMatch(/requires unknown item `h1`/);
  });

  it('leaves a rubric with nothing hidden as it was', () => {
    const full: RubricJson = { $schema: 'a.json', exercise: 'x', items: [item('a'), item('b', { requires: ['a'] })] };
    expect(visibleRubric(full)).toEqual(full);
  });

  it('refuses a rubric whose visible items give no points: the students would get an invalid rubric', () => {
    for (const items of [[item('h', { visibility: 'hidden' })], [item('v', { points: 0 }), item('h', { visibility: 'hidden' })]]) {
      let caught: unknown;
      try {
        visibleRubric({ exercise: 'x', items });
      } catch (error) {
        caught = error;
      }
      expect(isSpinlabError(caught) && caught.code).toBe('SPINLAB_RUBRIC_INVALID');
    }
  });
});
