/** `spinlab list [--json]`: the exercises, with title and topic. */
import kleur from 'kleur';
import { listExercises } from '../../rubric/catalog.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';

export async function runList(options: { json?: boolean; graders?: string }, io: CommandIo): Promise<ExitCode> {
  const exercises = listExercises({ graders: options.graders });
  if (options.json === true) {
    io.out(`${JSON.stringify(exercises.map(({ id, title, topic }) => ({ id, title, topic })), null, 2)}\n`);
    return ExitCode.Ok;
  }
  kleur.enabled = io.color;
  if (exercises.length === 0) io.out('no exercises installed\n');
  const width = Math.max(0, ...exercises.map((e) => e.id.length));
  for (const exercise of exercises) io.out(`${kleur.bold(exercise.id.padEnd(width))}  ${exercise.title}  ${kleur.dim(`— ${exercise.topic}`)}\n`);
  return ExitCode.Ok;
}
