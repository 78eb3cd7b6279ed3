import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

const invalid = readdirSync(new URL('../fixtures/rubrics/invalid/', import.meta.url)).filter((f) => f.endsWith('.json'));
const pointers: Record<string, string[]> = {
  'SPINLAB_RUBRIC_INVALID-unknown-check.json': ['/items/0/check: Rubric item `pairing` names unknown check `held-at-retrun`; known checks: uninitialized-lock'],
  'SPINLAB_RUBRIC_INVALID-not-json.json': ['/: not valid JSON'],
  'SPINLAB_RUBRIC_INVALID-schema.json': ['/exploration/strategy: must be one of', '/exploration/schedules: must be >= 1', '/items/0/id: must match pattern', '/items/0/title: must NOT have fewer than 1 characters', '/items/0/points: must be >= 0', '/items/0: unknown property `colour`'],
  'SPINLAB_RUBRIC_INVALID-duplicate-id.json': ['/items/1/id: duplicate item id `pairing`'],
  'SPINLAB_RUBRIC_INVALID-wrong-exercise.json': ['/exercise: the rubric is for `some-other-exercise`, not `e2e-count`'],
  'SPINLAB_RUBRIC_INVALID-name-without-invariant.json': ['/items/0/name:'],
  // References are checked against the scenario (invariants) and exercise.json (routines, fields), with the nearest known name.
  'SPINLAB_RUBRIC_INVALID-unknown-invariant.json': [
    '/items/0/name: Rubric item `count-exact` names invariant `cuont`, which the scenario does not declare (did you mean `count`?); known invariants: progress, irps-completed, setup, count',
    '/items/1/name: Rubric item `done` names invariant `irps-complete`, which the scenario does not declare (did you mean `irps-completed`?)',
  ],
  'SPINLAB_RUBRIC_INVALID-unknown-target.json': [
    '/items/0/target: Rubric item `count-protected` names target `ext.count`, which is no lock or field the exercise declares, nor holds one (did you mean `ext.Count`?); its fields: ext.Lock, ext.Count',
  ],
  'SPINLAB_RUBRIC_INVALID-unknown-routine.json': [
    '/items/0/routine: Rubric item `write-releases` names routine `DispatchWirte`, which the exercise does not declare (did you mean `DispatchWrite`?); its routines: DriverEntry, AddDevice, DispatchWrite',
  ],
};
/** How many errors each file has: a known reference (`ext`, `ext.Lock`, `AddDevice`) is no error. */
const counts: Record<string, number> = {
  'SPINLAB_RUBRIC_INVALID-unknown-invariant.json': 2,
  'SPINLAB_RUBRIC_INVALID-unknown-target.json': 1,
  'SPINLAB_RUBRIC_INVALID-unknown-routine.json': 1,
};

describe('invalid rubrics', () => {
  it.each(invalid)('%s: exit 2, its code and every error as /pointer: message, nothing graded', async (file) => {
    const code = file.split('-')[0];
    const run = await spinlab(['grade', 'e2e-count', 'test/fixtures/submissions/correct', '--graders', COURSE_GRADERS, '--rubric', `test/fixtures/rubrics/invalid/${file}`, '--json']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error code: ${code}`);
    for (const expected of pointers[file] ?? []) expect(run.stderr).toContain(expected);
    if (counts[file] !== undefined) expect(run.stderr.split('\n').filter((line) => line.startsWith('  /items/'))).toHaveLength(counts[file]!);
  });
});

describe('a rubric reference that names nothing', () => {
  const work = mkdtempSync(join(tmpdir(), 'spinlab-references-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // The fixture course, with its rubric's invariant name mistyped.
  cpSync(join(ROOT, 'test/fixtures/course'), work, { recursive: true });
  const rubric = join(work, 'graders/e2e-count/rubric.json');
  writeFileSync(rubric, readFileSync(rubric, 'utf8').replace('"name": "count"', '"name": "cuont"'));
  const graders = join(work, 'graders');
  const error = '/items/3/name: Rubric item `count-exact` names invariant `cuont`, which the scenario does not declare (did you mean `count`?)';

  it.each([
    ['grade', ['grade', 'e2e-count', 'test/fixtures/submissions/correct']],
    ['batch', ['batch', 'e2e-count', 'test/fixtures/class', '--out', join(work, 'results')]],
    ['check', ['check', 'e2e-count', 'test/fixtures/submissions/correct']],
    ['selftest', ['selftest', 'e2e-count', '--quick']],
  ])('%s: exit 2 with the pointer and the nearest name, before anything is graded', async (_, args) => {
    const run = await spinlab([...args, '--graders', graders]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(error);
    expect(run.stderr).toContain('error code: SPINLAB_RUBRIC_INVALID');
  });
});
