/**
 * `spinlab batch <exercise> <dir>`: grade a class. One result JSON per
 * submission (written atomically), grades.csv, a closing summary; parallel
 * `--jobs`; `--resume`; `--shard i/n` takes a stable share by name. One
 * submission's failure never stops the batch.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isSpinlabError } from '../../errors.js';
import { gradeSubmission, ungradedResult } from '../../grade/grade-submission.js';
import { renderCsv, renderJson, rowOf } from '../../report/index.js';
import type { GradeResult } from '../../rubric/result.js';
import { validateAgainst } from '../../rubric/schemas.js';
import { writeAtomic } from '../atomic-write.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { integer, usage, type GradingFlags } from '../options.js';
import { gradingSetup, replayCommand, type GradingSetup } from '../setup.js';
import { BatchProgress } from './batch-progress.js';
import { inShard, parseShard } from './shard.js';

/** Options of `spinlab batch`. */
export interface BatchFlags extends GradingFlags {
  readonly jobs?: string;
  readonly out?: string;
  readonly resume?: boolean;
  readonly shard?: string;
}

/** One submission in the class folder. */
interface Entry {
  /** Its name: the folder or file name, also its result's file name. */
  readonly name: string;
  readonly path: string;
}

export async function runBatch(exerciseId: string, dir: string, flags: BatchFlags, io: CommandIo): Promise<ExitCode> {
  const setup = await gradingSetup(exerciseId, flags);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usage(`${dir} is not a folder of submissions`);
  const jobs = flags.jobs === undefined ? availableParallelism() : integer('--jobs', flags.jobs, 1, 256);
  const shard = flags.shard === undefined ? null : parseShard(flags.shard);
  const out = resolve(flags.out ?? 'spinlab-results');
  const entries = listSubmissions(dir).filter((entry) => shard === null || inShard(entry.name, shard));
  const results = new Map<string, GradeResult>();
  const todo: Entry[] = [];
  for (const entry of entries) {
    const kept = flags.resume === true ? readValidResult(join(out, `${entry.name}.json`), setup.exercise.id) : null;
    if (kept !== null) results.set(entry.name, kept);
    else todo.push(entry);
  }
  const progress = new BatchProgress(io, todo.length, results.size);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const entry = todo[next++]!;
      const result = await gradeOne(setup, entry, flags);
      writeAtomic(join(out, `${entry.name}.json`), renderJson(result));
      results.set(entry.name, result);
      progress.done(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, todo.length)) }, worker));
  progress.finish();
  const all = entries.map((entry) => results.get(entry.name)!).filter((r) => r !== undefined);
  writeAtomic(join(out, 'grades.csv'), renderCsv(all.map(rowOf), setup.rubric.items.map((item) => item.id)));
  io.err(progress.summary(all, join(out, 'grades.csv')));
  // Every student was graded and written; the grader's own failure still makes the batch fail, naming its cause once.
  const failed = all.filter((result) => result.status === 'grader-error');
  if (failed.length === 0) return ExitCode.Ok;
  io.err(`spinlab: ${failed.length} of ${all.length} grading(s) ended in grader-error — ${failed[0]!.message ?? 'the grader failed'}\n`);
  return ExitCode.GraderError;
}

/** Grades one submission; a submission that cannot be graded still gets a result. */
async function gradeOne(setup: GradingSetup, entry: Entry, flags: BatchFlags): Promise<GradeResult> {
  try {
    const result = await gradeSubmission({ ...setup, submission: entry.path, alone: true, typecheck: flags.typecheck, replay: replayCommand(setup.exercise.id, entry.path, flags) });
    return { ...result, submission: entry.name };
  } catch (error) {
    // The grader's own faults (a scenario that does not load) hold for every student: stop and say so.
    if (isSpinlabError(error)) throw error;
    // A bug in spinlab on this one submission: the rest of the class is still graded, and this one says what happened.
    const what = error instanceof Error ? error.message : String(error);
    return ungradedResult(setup, entry.name, `spinlab failed on this submission (please report it): ${what.slice(0, 300)}`, [], 'crashed');
  }
}

/** The submissions in a class folder: sub-folders and .ts files, by name (a folder without the student file still gets a result). */
function listSubmissions(dir: string): Entry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || (d.isFile() && d.name.endsWith('.ts'))))
    .map((d) => ({ name: d.isDirectory() ? d.name : d.name.replace(/\.ts$/, ''), path: join(dir, d.name) }))
    .filter((entry) => entry.name !== '')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A result already written for this exercise and valid against the schema, or null; a grader-error is graded again (the grader may be fixed). */
function readValidResult(file: string, exercise: string): GradeResult | null {
  if (!existsSync(file)) return null;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as GradeResult;
    return validateAgainst('result', data).length === 0 && data.exercise === exercise && data.status !== 'grader-error' ? data : null;
  } catch {
    return null;
  }
}
