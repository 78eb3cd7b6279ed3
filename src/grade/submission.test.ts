import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Exercise } from '../rubric/catalog.js';
import { locateSubmission } from './submission.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-locate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const exercise = { id: '05-interlocked-list', student: 'driver.ts' } as Exercise;

/** Makes `files` (paths relative to a fresh folder) and returns the folder. */
function upload(name: string, files: readonly string[]): string {
  const root = join(work, name);
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), 'export {};\n');
  }
  return root;
}

describe('locateSubmission', () => {
  it('finds driver.ts in a course repository uploaded whole (exercises/<id>/), at the top or one folder down', () => {
    for (const [name, files] of [
      ['top', ['README.md', 'exercises/01-initialize-lock/driver.ts', 'exercises/05-interlocked-list/driver.ts']],
      ['nested', ['course-main/exercises/05-interlocked-list/driver.ts', 'course-main/exercises/04-queued-locks/driver.ts']],
    ] as const) {
      const located = locateSubmission(upload(name, files), exercise);
      expect(located.ok && located.submission.entry).toBe(join(work, name, name === 'top' ? '' : 'course-main', 'exercises/05-interlocked-list/driver.ts'));
    }
  });

  it('does not take another exercise’s driver from a course layout', () => {
    const located = locateSubmission(upload('other', ['exercises/01-initialize-lock/driver.ts', 'exercises/02-executive-lock/driver.ts']), exercise);
    expect(located.ok).toBe(false);
  });

  it('names the file a mistyped path meant', () => {
    const root = upload('typo', ['driver.ts']);
    const located = locateSubmission(join(root, 'drivr.ts'), exercise);
    expect(located.ok).toBe(false);
    expect(!located.ok && located.message).toMatch(/did you mean .*driver\.ts\?$/);
  });
});
