/**
 * `spinlab batch <exercise> <dir>`: grade a class. One result JSON per
 * student (written atomically, named by the student's id: see
 * `student-ids.ts`), grades.csv with every student exactly once, a closing
 * summary; parallel `--jobs`; `--resume`; `--shard i/n` takes a stable
 * share by id. One submission's failure never stops the batch.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isSpinlabError } from '../../errors.js';
import { scenarioCode } from '../../grade/grader-scenario.js';
import { GradingPool } from '../../grade/guarded-grading.js';
import { graderErrorResult, ungradedResult } from '../../grade/ungraded-result.js';
import { forExcel, renderCsv, renderJson, rowOf } from '../../report/index.js';
import type { GradeResult } from '../../rubric/result.js';
import { writeAtomic } from '../atomic-write.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { integer, usage, type GradingFlags } from '../options.js';
import { requireWritableFolder } from '../output-paths.js';
import { gradingSetup, type GradingSetup } from '../setup.js';
import { replayTemplate } from '../replay-command.js';
import { batchManifest } from './batch-manifest.js';
import { writeClassReport } from './batch-class-report.js';
import { BatchProgress } from './batch-progress.js';
import { diagnose } from '../doctor/diagnose.js';
import { readRoster, type Student } from './class-roster.js';
import { GRADESCOPE_UNPACKED, readGradescopeExport, rosterCsv } from './gradescope-roster.js';
import { isResult, readResultFile } from './result-files.js';
import { inShard, parseShard } from './shard.js';

/** Options of `spinlab batch`. */
export interface BatchFlags extends GradingFlags {
  readonly jobs?: string;
  readonly out?: string;
  readonly resume?: boolean;
  readonly shard?: string;
  readonly excel?: boolean;
  /** A Gradescope export (zip or folder) to grade instead of `<dir>`. */
  readonly fromGradescope?: string;
}

/** The exit code of a batch stopped by Ctrl+C (128 + SIGINT, as a shell reports it). */
const INTERRUPTED = 130;

/** How many entries that are not students the batch names. */
const IGNORED_SHOWN = 10;

export async function runBatch(exerciseId: string, dir: string | undefined, flags: BatchFlags, io: CommandIo): Promise<ExitCode> {
  const setup = await gradingSetup(exerciseId, flags);
  // What a TA needs to know before 300 gradings: the machine and where the graders came from (the rubric was just checked).
  io.err(`${(await diagnose({ graders: flags.graders, rubrics: false })).summary}\n`);
  if (dir === undefined ? flags.fromGradescope === undefined : flags.fromGradescope !== undefined) throw usage('give a folder of submissions or --from-gradescope EXPORT, not both nor neither');
  if (dir !== undefined && (!existsSync(dir) || !statSync(dir).isDirectory())) throw usage(`${dir} is not a folder of submissions`);
  const jobs = flags.jobs === undefined ? availableParallelism() : integer('--jobs', flags.jobs, 1, 256);
  const shard = flags.shard === undefined ? null : parseShard(flags.shard);
  const out = resolve(flags.out ?? 'spinlab-results');
  requireWritableFolder(out);
  const gradescope = dir === undefined ? readGradescopeExport(flags.fromGradescope!, join(out, GRADESCOPE_UNPACKED)) : null;
  const roster = gradescope ?? readRoster(dir!);
  const pool = new GradingPool(Math.min(jobs, roster.students.length));
  let onInterrupt: (() => void) | undefined;
  try {
    if (roster.ignored.length > 0) {
      const shown = roster.ignored.slice(0, IGNORED_SHOWN).join(', ');
      io.err(`not graded, not a submission: ${shown}${roster.ignored.length > IGNORED_SHOWN ? ` and ${roster.ignored.length - IGNORED_SHOWN} more` : ''}\n`);
    }
    const students = roster.students.filter((student) => shard === null || inShard(student.id, shard));
    const results = new Map<string, GradeResult>();
    const todo: Student[] = [];
    for (const student of students) {
      const kept = flags.resume === true ? readValidResult(resultFile(out, student), setup.exercise.id, student.id) : null;
      if (kept !== null) results.set(student.id, kept);
      else todo.push(student);
    }
    const progress = new BatchProgress(io, todo.length, results.size);
    // Ctrl+C: every result written so far is whole (written atomically); say so, and how to go on.
    onInterrupt = () => {
      io.err(`\nstopped: ${results.size} of ${students.length} result(s) are kept in ${out}; run the same command with --resume to grade the other ${students.length - results.size}\n`);
      process.exit(INTERRUPTED);
    };
    process.once('SIGINT', onInterrupt);
    const scenario = await scenarioCode(setup.exercise);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const student = todo[next++]!;
        const result = await gradeOne(pool, { ...setup, scenario }, student, flags);
        writeAtomic(resultFile(out, student), renderJson(result));
        results.set(student.id, result);
        progress.done(result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, todo.length)) }, worker));
    progress.finish();
    const all = students.map((student) => results.get(student.id)!);
    const csv = renderCsv(all.map(rowOf), setup.rubric.items.map((item) => item.id));
    writeAtomic(join(out, 'grades.csv'), flags.excel === true ? forExcel(csv) : csv);
    if (gradescope !== null) writeAtomic(join(out, 'roster.csv'), flags.excel === true ? forExcel(rosterCsv(gradescope.people)) : rosterCsv(gradescope.people));
    writeAtomic(join(out, '.spinlab-batch'), `${JSON.stringify(batchManifest(setup.exercise.id, setup.rubric, shard, all.length), null, 2)}\n`);
    const figures = writeClassReport(out, all, flags.excel === true);
    io.err(progress.summary(figures, out));
    // Every student was graded and written; the grader's own failure still makes the batch fail, naming its cause once.
    const failed = all.filter((result) => result.status === 'grader-error');
    if (failed.length === 0) return ExitCode.Ok;
    io.err(`spinlab: ${failed.length} of ${all.length} grading(s) ended in grader-error — ${failed[0]!.message ?? 'the grader failed'}\n`);
    return ExitCode.GraderError;
  } finally {
    if (onInterrupt !== undefined) process.off('SIGINT', onInterrupt);
    pool.close();
    roster.cleanup();
  }
}

/** Where a student's result is written: `<out>/<id>.json` (ids are unique, also to a case-insensitive file system). */
function resultFile(out: string, student: Student): string {
  return join(out, `${student.id}.json`);
}

/** Grades one student, guarded by its budget; a submission that cannot be graded still gets a result, named by the student's id. */
async function gradeOne(pool: GradingPool, setup: GradingSetup & { readonly scenario: string }, student: Student, flags: BatchFlags): Promise<GradeResult> {
  if (student.refused !== null) return ungradedResult(setup, student.id, student.refused, []);
  try {
    const replay = replayTemplate(setup.exercise, student.path, flags, { word: student.shellPath });
    const result = await pool.grade({ ...setup, submission: student.path, typecheck: flags.typecheck, replay });
    return { ...result, submission: student.id };
  } catch (error) {
    // The grader's own faults (a scenario that does not load) hold for every student: stop and say so.
    if (isSpinlabError(error)) throw error;
    // A bug in spinlab on this one submission: the rest of the class is still graded, and this one says what happened.
    return graderErrorResult(setup, student.id, error);
  }
}

/** A result already written for this student and exercise, valid against the schema, or null; a grader-error is graded again (the grader may be fixed). */
function readValidResult(file: string, exercise: string, id: string): GradeResult | null {
  const read = readResultFile(file, id);
  return isResult(read) && read.exercise === exercise && read.status !== 'grader-error' ? read : null;
}
