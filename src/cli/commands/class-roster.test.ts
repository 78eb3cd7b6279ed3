import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRoster } from './class-roster.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-roster-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the students of a class folder', () => {
  const classDir = join(work, 'class');
  const elsewhere = join(work, 'clones');
  mkdirSync(classDir);
  mkdirSync(join(elsewhere, 'dave'), { recursive: true });
  for (const folder of ['alice', 'Alice', 'bob']) mkdirSync(join(classDir, folder));
  writeFileSync(join(classDir, 'alice.ts'), '// alice.ts\n');
  writeFileSync(join(classDir, 'notes.txt'), '');
  writeFileSync(join(classDir, '.DS_Store'), '');
  execFileSync('mkfifo', [join(classDir, 'pipe.ts')]);
  symlinkSync('alice.ts', join(classDir, 'mallory.ts'));
  symlinkSync(join(elsewhere, 'dave'), join(classDir, 'dave'));
  const latin1 = Buffer.concat([Buffer.from(`${classDir}/Jos`), Buffer.from([0xe9]), Buffer.from('.ts')]);
  writeFileSync(latin1, '// José\n');

  it('are every folder and everything named .ts (a FIFO too), once each, by a unique id; the rest is listed, never read', () => {
    const roster = readRoster(classDir);
    try {
      expect(roster.students.map((s) => s.id)).toEqual(['Alice', 'Jos%E9', 'alice~2', 'alice.ts', 'bob', 'dave', 'mallory', 'pipe']);
      expect(roster.ignored).toEqual(['notes.txt (not a folder or a .ts file)']);
    } finally {
      roster.cleanup();
    }
  });

  it('grade a name that is not UTF-8 through a link named by its id, removed at cleanup', () => {
    const roster = readRoster(classDir);
    const jose = roster.students.find((s) => s.id === 'Jos%E9')!;
    expect(jose.path.endsWith('/Jos%E9.ts')).toBe(true);
    expect(readFileSync(jose.path, 'utf8')).toBe('// José\n');
    // Named from where the batch runs, never by the absolute path it was given.
    expect(jose.shellPath).toBe(`$'${relative(process.cwd(), classDir)}/Jos\\xe9.ts'`);
    roster.cleanup();
    expect(existsSync(jose.path)).toBe(false);
  });

  it('refuse a link to another entry of the class folder, and follow one that leads elsewhere', () => {
    const roster = readRoster(classDir);
    roster.cleanup();
    expect(roster.students.find((s) => s.id === 'mallory')!.refused).toMatch(/link to another entry of it/);
    expect(roster.students.find((s) => s.id === 'dave')!.refused).toBeNull();
    expect(roster.students.filter((s) => s.refused !== null)).toHaveLength(1);
  });
});
