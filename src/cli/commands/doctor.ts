/** `spinlab doctor`: is this machine and this course ready to grade? A line per finding, a summary, exit 2 on a problem. */
import kleur from 'kleur';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { diagnose } from '../doctor/diagnose.js';

export async function runDoctor(flags: { readonly graders?: string }, io: CommandIo): Promise<ExitCode> {
  kleur.enabled = io.color;
  const { lines, summary } = await diagnose({ graders: flags.graders });
  const mark = { ok: kleur.green('✓'), warn: kleur.yellow('!'), problem: kleur.red('✗') };
  for (const line of lines) io.out(`${mark[line.level]} ${line.topic.padEnd(8)} ${line.text}\n`);
  io.out(`\n${summary}\n`);
  return lines.some((line) => line.level === 'problem') ? ExitCode.Usage : ExitCode.Ok;
}
