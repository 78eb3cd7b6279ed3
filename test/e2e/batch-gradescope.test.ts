/**
 * `spinlab batch --from-gradescope`: a Gradescope "Export submissions" zip
 * (built here as Gradescope lays it out: one top folder holding
 * submission_metadata.yml and a submission_<id>/ folder per submission)
 * graded with each result named by its student, and roster.csv beside
 * grades.csv with one row per student.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../src/gradescope/zip-write.js';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-gsexport-'));
const exportDir = join(work, 'assignment_42_export');
const exportZip = join(work, 'export.zip');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const METADATA = `---
submission_1001:
  :submitters:
  - :name: Ada Lovelace
    :sid: '1815'
    :email: ada@example.edu
  :created_at: 2024-03-01 10:11:12.000000000 -08:00
  :score: 0.0
submission_1002:
  :submitters:
  - :name: "Jos\\u00E9 Garc\\u00EDa"
    :sid: '2002'
    :email: jose@example.edu
  - :name: Bob Tables
    :sid: '2003'
    :email: bob@example.edu
submission_1003:
  :submitters:
  - :name: Alex Kim
    :sid: '3001'
submission_1004:
  :submitters:
  - :name: Alex Kim
    :sid: '3002'
submission_1005:
  :submitters:
  - :name: Carol Absent
    :email: carol@example.edu
`;

const grade = (out: string, ...from: string[]) =>
  spinlab(['batch', 'e2e-count', ...from, '--graders', COURSE_GRADERS, '--no-typecheck', '--schedules', '4', '--jobs', '2', '--out', join(work, out)], { timeout: 240_000 });

beforeAll(() => {
  const folders: Record<string, string> = { submission_1001: 'correct', submission_1002: 'buggy', submission_1003: 'correct', submission_1004: 'buggy' };
  for (const [folder, fixture] of Object.entries(folders)) cpSync(join(ROOT, 'test/fixtures/submissions', fixture), join(exportDir, folder), { recursive: true });
  writeFileSync(join(exportDir, 'submission_metadata.yml'), METADATA);
  writeFileSync(join(exportDir, 'notes.txt'), 'not a submission');
  const files = (readdirSync(exportDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((path) => ({ name: relative(work, path).split('\\').join('/'), data: readFileSync(path) }));
  writeFileSync(exportZip, writeZip(files));
});

const ids = ['Alex Kim', 'Alex Kim~2', 'ada@example.edu', 'bob@example.edu', 'carol@example.edu'];

describe('spinlab batch --from-gradescope', () => {
  it('names each result by its student (first email, else name), one roster row per student, groups included', async () => {
    const run = await grade('zip', '--from-gradescope', exportZip);
    expect(run.exitCode, run.stderr).toBe(0);
    const out = join(work, 'zip');
    expect(readdirSync(out).filter((f) => f.endsWith('.json')).sort()).toEqual(ids.map((id) => `${id}.json`).sort());
    const grades = readFileSync(join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(grades.slice(1).map((line) => line.split(',')[0])).toEqual([...ids].sort());
    const ada = JSON.parse(readFileSync(join(out, 'ada@example.edu.json'), 'utf8'));
    expect(ada).toMatchObject({ submission: 'ada@example.edu', status: 'graded' });
    // Each result is its own submission's: the two correct ones score alike, above the buggy group's.
    const score = (id: string) => (JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as { score: number }).score;
    expect(score('Alex Kim')).toBe(ada.score);
    expect(score('bob@example.edu')).toBeLessThan(ada.score);
    expect(score('Alex Kim~2')).toBe(score('bob@example.edu'));
    expect(readFileSync(join(out, 'roster.csv'), 'utf8')).toBe(
      [
        'submission,name,email,sid,gradescope',
        'Alex Kim,Alex Kim,,3001,submission_1003',
        'Alex Kim~2,Alex Kim,,3002,submission_1004',
        'ada@example.edu,Ada Lovelace,ada@example.edu,1815,submission_1001',
        'bob@example.edu,Bob Tables,bob@example.edu,2003,submission_1002',
        'bob@example.edu,José García,jose@example.edu,2002,submission_1002',
        'carol@example.edu,Carol Absent,carol@example.edu,,submission_1005',
        '',
      ].join('\n'),
    );
    // The metadata names a submission the export lacks: it still has its row, saying so.
    const carol = JSON.parse(readFileSync(join(out, 'carol@example.edu.json'), 'utf8'));
    expect(carol).toMatchObject({ status: 'compile-error', score: 0 });
    expect(carol.message).toMatch(/submission_1005 is in submission_metadata\.yml but its folder is not in the export/);
    expect(run.stderr).toMatch(/not graded, not a submission: notes\.txt/);
    // Unpacked into the results folder (a dot name), so replay commands in the results keep working.
    expect(existsSync(join(out, '.gradescope-export/assignment_42_export/submission_1001/driver.ts'))).toBe(true);
  });

  it('grades the unzipped folder the same way', async () => {
    const run = await grade('folder', '--from-gradescope', exportDir);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(readFileSync(join(work, 'folder', 'roster.csv'), 'utf8')).toBe(readFileSync(join(work, 'zip', 'roster.csv'), 'utf8'));
    expect(readFileSync(join(work, 'folder', 'grades.csv'), 'utf8')).toBe(readFileSync(join(work, 'zip', 'grades.csv'), 'utf8'));
  });

  it('refuses what is not an export, and a class folder given with it: exit 2, one sentence', async () => {
    const plain = join(work, 'plain');
    mkdirSync(join(plain, 'submission_1'), { recursive: true });
    const notExport = await grade('x', '--from-gradescope', plain);
    expect(notExport.exitCode).toBe(2);
    expect(notExport.stderr).toMatch(/is not one Gradescope export: no submission_metadata\.yml at its top or one folder down/);
    const notZip = await grade('x', '--from-gradescope', join(exportDir, 'notes.txt'));
    expect(notZip.exitCode).toBe(2);
    expect(notZip.stderr).toMatch(/cannot be read as a zip: it is not a zip file/);
    const both = await grade('x', 'test/fixtures/class', '--from-gradescope', exportZip);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/not both nor neither/);
  });
});
