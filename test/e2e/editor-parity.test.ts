/**
 * The type-check agrees with the editor: in every exercise folder (and a
 * fixture with type errors and console.log), the folder's own tsconfig.json
 * under TypeScript 7 (`npx tsc --noEmit`) and under TypeScript 5 (the
 * compiler VS Code bundles) reports exactly the errors the grader reports,
 * place and code; and every shipped tsconfig.json is the one spinlab writes.
 */
import { execa } from 'execa';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { studentTsconfig } from '../../src/sandbox/typecheck.js';
import { COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

const TS7 = join(ROOT, 'node_modules/.bin/tsc');
const TS5 = join(ROOT, 'node_modules/typescript5/bin/tsc');

/** `file:line:col TScode` for every error tsc prints. */
async function editorErrors(command: string[], dir: string): Promise<string[]> {
  const run = await execa(command[0]!, [...command.slice(1), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, reject: false });
  return [...`${run.stdout}\n${run.stderr}`.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+)/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`).sort();
}

async function graderErrors(exercise: string, dir: string, graders: string[]): Promise<string[]> {
  const run = await spinlab(['grade', exercise, dir, ...graders, '--json', '--schedules', '1']);
  const result = JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; line: number; column: number; code: string }> };
  return result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`).sort();
}

const exercises = readdirSync(join(ROOT, 'exercises'));
const folders: Array<[string, string, string[]]> = [
  ...exercises.map((id): [string, string, string[]] => [id, join('exercises', id), []]),
  ['e2e-count', 'test/fixtures/editor/type-errors', ['--graders', COURSE_GRADERS]],
];

describe('the editor and the grader', () => {
  it('ship the tsconfig.json spinlab writes, in every exercise folder and the scaffold', () => {
    const expected = studentTsconfig('driver.ts');
    for (const dir of [...exercises.map((id) => join('exercises', id)), 'templates/new-exercise/exercise', 'test/fixtures/editor/type-errors', 'test/fixtures/course/exercises/e2e-count']) {
      expect(readFileSync(join(ROOT, dir, 'tsconfig.json'), 'utf8'), dir).toBe(expected);
    }
  });

  it.each(folders)('%s (%s): TypeScript 7, TypeScript 5 and the grader report the same errors', async (exercise, dir, graders) => {
    const [ts7, ts5, grader] = await Promise.all([editorErrors([TS7], join(ROOT, dir)), editorErrors([process.execPath, TS5], join(ROOT, dir)), graderErrors(exercise, dir, graders)]);
    expect(ts7).toEqual(grader);
    expect(ts5).toEqual(grader);
    if (dir.includes('type-errors')) expect(grader).toEqual(['driver.ts:19:3 TS2322', 'driver.ts:28:37 TS2345', 'driver.ts:29:16 TS2551']);
  });
});
