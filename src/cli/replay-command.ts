/**
 * The `npx spinlab replay …` line printed beside each finding, written for
 * where its reader stands: a terminal's user in the folder the command ran
 * in; a CI report's reader at the root of their clone; a Gradescope
 * student, who knows their upload, never the grader's `/autograder/…`.
 */
import { basename, dirname, isAbsolute, resolve, sep } from 'node:path';
import { locateSubmission } from '../grade/submission.js';
import { replayFrom, type ReplayTemplate } from '../grade/guarded-grading.js';
import type { Exercise } from '../rubric/catalog.js';
import { realPath, repositoryRoot } from './format.js';
import type { GradingFlags } from './options.js';
import { pathFrom, printedCommand, shellWord } from './printed-command.js';

/**
 * Where a report's reader stands: `here`, the folder spinlab runs in (text,
 * JSON: the terminal's user, the TA); `repository`, the root of the
 * repository holding the submission (a CI annotation or test report, read
 * beside a clone); `upload`, the submission folder itself (Gradescope: the
 * student's own upload, not the grader's copy of it).
 */
export type ReplayReader = 'here' | 'repository' | 'upload';

/** Where the reader of a report in `format` stands. */
export function replayReaderOf(format: string): ReplayReader {
  if (format === 'gradescope') return 'upload';
  return format === 'github' || format === 'junit' ? 'repository' : 'here';
}

/** How the submission and grader paths are written in a replay command. */
export interface ReplayPlace {
  readonly reader?: ReplayReader;
  /** The submission as a shell word already made (a roster's name that is not text): used as is, for `here`. */
  readonly word?: string;
}

/**
 * The `npx spinlab replay …` command for a schedule code of `submission`
 * (as given: absolute or relative to the working folder), as the text
 * before and after the code, repeating the options that change the run.
 * `upload` names the folder of the student file within the upload, and no
 * grader path (the student's course repository names its graders).
 */
export function replayTemplate(exercise: Exercise, submission: string, flags: GradingFlags, place: ReplayPlace = {}): ReplayTemplate {
  const reader = place.reader ?? 'here';
  const base = reader === 'repository' ? repositoryRoot(submission) : '.';
  // The root is found with links resolved: so is the submission, or a linked checkout would be named by `..` steps.
  const path = reader === 'repository' ? realPath(resolve(submission)) : submission;
  const target = reader === 'upload' ? uploadTarget(exercise, submission) : reader === 'here' && place.word !== undefined ? place.word : shellWord(pathFrom(base, path));
  const graderPaths = reader === 'upload' ? [] : [...option('--rubric', flags.rubric, base, reader), ...option('--graders', flags.graders, base, reader)];
  const after = [...(flags.cpus === undefined ? [] : ['--cpus', flags.cpus]), ...graderPaths];
  return { before: `${printedCommand(['replay', exercise.id])} ${target} --schedule `, after: after.map((word) => ` ${shellWord(word)}`).join('') };
}

/** {@link replayTemplate} as a function of the code. */
export function replayCommand(exercise: Exercise, submission: string, flags: GradingFlags, place?: ReplayPlace): (code: string) => string {
  return replayFrom(replayTemplate(exercise, submission, flags, place));
}

/** `name path`, the path from `base`; none for a path outside the repository a `repository` reader has (the grader's machine, not theirs). */
function option(name: string, path: string | undefined, base: string, reader: ReplayReader): string[] {
  if (path === undefined) return [];
  const from = pathFrom(base, realPath(resolve(path)));
  return reader === 'repository' && (from === '..' || from.startsWith(`..${sep}`) || isAbsolute(from)) ? [] : [name, reader === 'repository' ? from : pathFrom(base, path)];
}

/** The student's file within an upload as a shell word: its folder from the upload's top (`.` when there), or the file alone when one file was graded. */
function uploadTarget(exercise: Exercise, submission: string): string {
  const located = locateSubmission(submission, exercise);
  if (!located.ok) return '.';
  const { entry, isFolder } = located.submission;
  return shellWord(isFolder ? pathFrom(submission, dirname(entry)) : basename(entry));
}
