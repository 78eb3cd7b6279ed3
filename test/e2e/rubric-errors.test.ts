import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COURSE_GRADERS, spinlab } from '../helpers/cli.js';

const invalid = readdirSync(new URL('../fixtures/rubrics/invalid/', import.meta.url)).filter((f) => f.endsWith('.json'));
const pointers: Record<string, string[]> = {
  'SPINLAB_RUBRIC_INVALID-unknown-check.json': ['/items/0/check: Rubric item `pairing` names unknown check `held-at-retrun`; known checks: uninitialized-lock'],
  'SPINLAB_RUBRIC_INVALID-not-json.json': ['/: not valid JSON'],
  'SPINLAB_RUBRIC_INVALID-schema.json': ['/exploration/strategy: must be one of', '/exploration/schedules: must be >= 1', '/items/0/id: must match pattern', '/items/0/title: must NOT have fewer than 1 characters', '/items/0/points: must be >= 0', '/items/0: unknown property `colour`'],
  'SPINLAB_RUBRIC_INVALID-duplicate-id.json': ['/items/1/id: duplicate item id `pairing`'],
  'SPINLAB_RUBRIC_INVALID-wrong-exercise.json': ['/exercise: the rubric is for `some-other-exercise`, not `e2e-count`'],
  'SPINLAB_RUBRIC_INVALID-name-without-invariant.json': ['/items/0/name:'],
};

describe('invalid rubrics', () => {
  it.each(invalid)('%s: exit 2, its code and every error as /pointer: message, nothing graded', async (file) => {
    const code = file.split('-')[0];
    const run = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/correct', '--graders', COURSE_GRADERS, '--rubric', `test/fixtures/rubrics/invalid/${file}`, '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error code: ${code}`);
    for (const expected of pointers[file] ?? []) expect(run.stderr).toContain(expected);
  });
});
