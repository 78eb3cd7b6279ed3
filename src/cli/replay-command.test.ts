import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Exercise } from '../rubric/catalog.js';
import { replayCommand, replayReaderOf } from './replay-command.js';
import { printedCommand } from './printed-command.js';

// A folder whose absolute path is known, with a space in it: an upload, and a repository holding the exercise.
const top = realpathSync(mkdtempSync(join(tmpdir(), 'spinlab replay ')));
const upload = join(top, 'submission');
const repo = join(top, 'repo');
const inRepo = join(repo, 'exercises', 'e2e-count');
for (const dir of [upload, inRepo, join(repo, '.git'), join(repo, 'graders')]) mkdirSync(dir, { recursive: true });
writeFileSync(join(upload, 'driver.ts'), '');
writeFileSync(join(inRepo, 'driver.ts'), '');
afterAll(() => rmSync(top, { recursive: true, force: true }));
const exercise = { id: 'e2e-count', student: 'driver.ts' } as Exercise;
const graders = join(top, 'graders');

describe('replay commands', () => {
  it('run from the working folder: npx, the submission relative to it (quoted), never its absolute path', () => {
    const command = replayCommand(exercise, upload, { graders, cpus: '2' })('CODE');
    expect(command).toBe(`npx spinlab replay e2e-count '${relative(process.cwd(), upload)}' --schedule CODE --cpus 2 --graders '${relative(process.cwd(), graders)}'`);
    expect(command).not.toMatch(/ '?\//); // no word is an absolute path
  });

  it('name a Gradescope student’s file within their upload, with no grader path', () => {
    const reader = replayReaderOf('gradescope');
    expect(replayCommand(exercise, upload, { graders }, { reader })('CODE')).toBe('npx spinlab replay e2e-count . --schedule CODE');
    expect(replayCommand(exercise, repo, { graders }, { reader })('CODE')).toBe('npx spinlab replay e2e-count exercises/e2e-count --schedule CODE');
    expect(replayCommand(exercise, join(upload, 'driver.ts'), {}, { reader })('CODE')).toBe('npx spinlab replay e2e-count driver.ts --schedule CODE');
  });

  it('name a CI report’s submission from the repository root, keeping only grader paths inside the repository', () => {
    const reader = replayReaderOf('junit');
    expect(replayReaderOf('github')).toBe('repository');
    expect(replayCommand(exercise, inRepo, { graders }, { reader })('CODE')).toBe('npx spinlab replay e2e-count exercises/e2e-count --schedule CODE');
    expect(replayCommand(exercise, inRepo, { graders: join(repo, 'graders') }, { reader })('CODE')).toBe('npx spinlab replay e2e-count exercises/e2e-count --schedule CODE --graders graders');
  });

  it('leave a pre-made word (a name that is not text) as it is', () => {
    expect(replayCommand(exercise, upload, {}, { word: "$'Jos\\xe9'" })('CODE')).toBe("npx spinlab replay e2e-count $'Jos\\xe9' --schedule CODE");
  });

  it('print every command with npx and one shell word per argument', () => {
    expect(printedCommand(['check', '01-initialize-lock', 'my driver.ts'])).toBe("npx spinlab check 01-initialize-lock 'my driver.ts'");
  });
});
