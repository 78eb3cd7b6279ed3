/** `spinlab new <id>`: scaffold an exercise (exercises/<id>/) and its grader (graders/<id>/) that pass selftest. */
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { packageRoot } from '../../rubric/catalog.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage } from '../options.js';
import { printedCommand } from '../printed-command.js';

export async function runNew(id: string, options: { dir?: string }, io: CommandIo): Promise<ExitCode> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw usage(`exercise ids are kebab-case (a-z, 0-9, -), got \`${id}\``);
  const base = resolve(options.dir ?? '.');
  const exercise = join(base, 'exercises', id);
  const grader = join(base, 'graders', id);
  for (const target of [exercise, grader]) if (existsSync(target)) throw usage(`${relative(process.cwd(), target) || target} already exists`);
  const template = join(packageRoot(), 'templates', 'new-exercise');
  cpSync(join(template, 'exercise'), exercise, { recursive: true });
  cpSync(join(template, 'grader'), grader, { recursive: true });
  for (const file of [...walk(exercise), ...walk(grader)]) writeFileSync(file, readFileSync(file, 'utf8').replaceAll('__ID__', id));
  const graders = relative(process.cwd(), join(base, 'graders')) || '.';
  io.out(
    [
      `created ${relative(process.cwd(), exercise)}/ (README.md, driver.ts, exercise.json, tsconfig.json)`,
      `created ${relative(process.cwd(), grader)}/ (scenario.ts, rubric.json, solution.ts, solutions/, mutants/)`,
      '',
      'next:',
      `  ${printedCommand(['selftest', id, '--graders', graders])}    # prove the grader`,
      `  ${printedCommand(['check', id, relative(process.cwd(), join(exercise, 'driver.ts')), '--graders', graders])}`,
      '',
    ].join('\n'),
  );
  return ExitCode.Ok;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
