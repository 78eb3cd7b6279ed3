/** Resolving what a grading command grades: the exercise, its rubric, the exploration. */
import { join } from 'node:path';
import { SpinlabError } from '../errors.js';
import { decodeName, hasControlOrInvisible } from '../sandbox/file-names.js';
import { rubricReferenceErrors } from '../grade/rubric-references.js';
import { findExercise, requireGrader, type Exercise } from '../rubric/catalog.js';
import { loadRubric } from '../rubric/load-rubric.js';
import type { Exploration, Rubric } from '../rubric/rubric.js';
import { replayFrom, type ReplayTemplate } from '../grade/guarded-grading.js';
import { applyOverrides, type GradingFlags } from './options.js';

/** What a grading command works with. */
export interface GradingSetup {
  readonly exercise: Exercise;
  readonly rubric: Rubric;
  readonly exploration: Exploration;
}

/** The exercise `id`, its rubric (bundled, or `--rubric`) and the exploration. Throws SpinlabErrors (exit 2). */
export async function gradingSetup(id: string, flags: GradingFlags): Promise<GradingSetup> {
  const exercise = findExercise(id, { graders: flags.graders });
  return setupFor(exercise, flags);
}

/**
 * The rubric and exploration for an exercise already found. The rubric is
 * checked whole — its schema and rules, then every reference against the
 * scenario and the exercise — before anything is graded.
 */
export async function setupFor(exercise: Exercise, flags: GradingFlags): Promise<GradingSetup> {
  requireGrader(exercise, { graders: flags.graders });
  const file = flags.rubric ?? join(exercise.graderDir, 'rubric.json');
  const loaded = loadRubric(file, exercise.id);
  const errors = loaded.errors ?? (await rubricReferenceErrors(exercise, loaded.rubric));
  if (loaded.rubric === undefined || errors.length > 0) {
    throw new SpinlabError('SPINLAB_RUBRIC_INVALID', `${file} is not a valid rubric:\n  ${errors.join('\n  ')}`, 'see docs/authors.md for the rubric format');
  }
  return { exercise, rubric: loaded.rubric, exploration: applyOverrides(loaded.rubric.exploration, flags) };
}

/**
 * The `spinlab replay …` command for a schedule code, repeating the options that change the run,
 * as the text before and after the code. `word` is the submission as a shell word (default:
 * `submission` quoted).
 */
export function replayTemplate(exercise: string, submission: string, flags: GradingFlags, word: string = shellWord(submission)): ReplayTemplate {
  const extra = [
    flags.cpus === undefined ? '' : ` --cpus ${flags.cpus}`,
    flags.rubric === undefined ? '' : ` --rubric ${shellWord(flags.rubric)}`,
    flags.graders === undefined ? '' : ` --graders ${shellWord(flags.graders)}`,
  ].join('');
  return { before: `spinlab replay ${exercise} ${word} --schedule `, after: extra };
}

/** {@link replayTemplate} as a function of the code. */
export function replayCommand(exercise: string, submission: string, flags: GradingFlags, word?: string): (code: string) => string {
  return replayFrom(replayTemplate(exercise, submission, flags, word));
}

/** A path (bytes or text) as one shell word: plain when safe, '…' when printable, $'…' with \\xHH escapes otherwise (bash, zsh). */
export function shellWord(path: string | Buffer): string {
  const text = typeof path === 'string' ? path : decodeName(path);
  if (text !== null && /^[\w./@:-]+$/.test(text)) return text;
  if (text !== null && !hasControlOrInvisible(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  const bytes = typeof path === 'string' ? Buffer.from(path) : path;
  return `$'${[...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x27 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}'`;
}
