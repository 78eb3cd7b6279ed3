/**
 * `spinlab diff OLD NEW`: two batch output folders of one exercise compared
 * student by student from their result files (before and after a rubric
 * change, say): who gained or lost points and on which items, who is in only
 * one, the mean before and after. Text on stdout, `--json` for machines;
 * exit 0 whatever changed. A `*.json` file that is not a valid result is
 * named on stderr and listed, never taken for an absent student silently.
 */
import { diffClasses, inertJson, renderClassDiffText } from '../../report/index.js';
import { guardLines, visibleText } from '../../report/sanitize.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage } from '../options.js';
import { readResultFolder } from './result-files.js';

/** Options of `spinlab diff`. */
export interface DiffFlags {
  /** Print the diff as JSON (default: text). */
  readonly json?: boolean;
}

export async function runDiff(before: string, after: string, flags: DiffFlags, io: CommandIo): Promise<ExitCode> {
  const old = readResultFolder(before);
  const now = readResultFolder(after);
  for (const [dir, side] of [[before, old], [after, now]] as const) {
    if (side.results.length === 0 && side.invalid.length === 0) throw usage(`${dir} holds no result files (<id>.json)`, 'pass two --out folders of `spinlab batch`');
  }
  const exercises = [...new Set([...old.results, ...now.results].map((r) => r.exercise))];
  if (exercises.length > 1) throw usage(`these folders hold results of different exercises (${exercises.join(', ')})`, 'compare two gradings of one exercise');
  const invalid = [...old.invalid, ...now.invalid];
  for (const { file, why } of invalid) io.err(guardLines(visibleText(`spinlab: ${file} left out: ${why}\n`)));
  const diff = diffClasses(old.results, now.results);
  io.out(flags.json === true ? `${inertJson({ before, after, ...diff, invalid }, 2)}\n` : renderClassDiffText(diff, { before, after }));
  return ExitCode.Ok;
}
