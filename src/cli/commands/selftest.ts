/** `spinlab selftest [exercise]`: prove the graders; a table, and exit 1 on any miss. */
import kleur from 'kleur';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import type { BaselineScore } from '../../grade/selftest-baselines.js';
import { selftestExercise, selftestGraderError, selftestPassed, type SelftestReport } from '../../grade/selftest.js';
import { findExercise, hasGrader, listExercises } from '../../rubric/catalog.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { integer } from '../options.js';
import { setupFor } from '../setup.js';

/** Options of `spinlab selftest`. */
export interface SelftestFlags {
  readonly graders?: string;
  readonly jobs?: string;
  readonly quick?: boolean;
  readonly json?: boolean;
}

export async function runSelftest(exerciseId: string | undefined, flags: SelftestFlags, io: CommandIo): Promise<ExitCode> {
  // Every exercise that has a grader here (a course's graders folder need not cover spinlab's own exercises).
  const exercises = exerciseId === undefined ? listExercises({ graders: flags.graders }).filter(hasGrader) : [findExercise(exerciseId, { graders: flags.graders })];
  const setups = await Promise.all(exercises.map((exercise) => setupFor(exercise, { graders: flags.graders })));
  const run = pool(flags.jobs === undefined ? availableParallelism() : integer('--jobs', flags.jobs, 1, 256));
  let finished = 0;
  // A line per exercise as it finishes (the pool takes gradings first come, first served: in exercise order).
  const reports = await Promise.all(
    setups.map(async (setup) => {
      const report = await selftestExercise({ ...setup, extraSeeds: flags.quick !== true, run });
      io.err(`${progressLine(report, ++finished, setups.length)}\n`);
      return report;
    }),
  );
  const passed = reports.length > 0 && reports.every(selftestPassed);
  if (flags.json === true) io.out(`${JSON.stringify(reports, null, 2)}\n`);
  else io.out(renderTable(reports, io.color));
  const broken = reports.filter(selftestGraderError).map((report) => report.exercise);
  if (broken.length > 0) {
    io.err(`spinlab: the grader of ${broken.join(', ')} failed on its own (grader-error): fix it before anything else (the misses above say where)\n`);
    return ExitCode.GraderError;
  }
  return passed ? ExitCode.Ok : ExitCode.BelowFull;
}

/** A limit on gradings running at once (each is a sandbox process). */
function pool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** `✓ 05-interlocked-list: 3/3 solutions, 14/14 mutants caught, starter 1/23, 41.2 s of grading (2 of 8 done)`. */
function progressLine(r: SelftestReport, done: number, total: number): string {
  const starter = r.starter === null ? '' : `, starter ${r.starter.score}/${r.starter.maxScore}`;
  return `${selftestPassed(r) ? '✓' : '✗'} ${r.exercise}: ${r.solutions.passed}/${r.solutions.total} solutions, ${r.mutants.caught}/${r.mutants.total} mutants caught${starter}, ${(r.ms / 1000).toFixed(1)} s of grading (${done} of ${total} done)`;
}

function renderTable(reports: readonly SelftestReport[], color: boolean): string {
  kleur.enabled = color;
  const lines = [kleur.bold(`${'exercise'.padEnd(22)}${'solutions'.padEnd(12)}${'mutants caught'.padEnd(16)}${'starter (max)'.padEnd(20)}${'nothing (max)'.padEnd(16)}grading time`)];
  for (const r of reports) {
    const ok = selftestPassed(r);
    lines.push(
      `${(ok ? kleur.green('✓ ') : kleur.red('✗ ')) + r.exercise.padEnd(20)}${`${r.solutions.passed}/${r.solutions.total}`.padEnd(12)}${`${r.mutants.caught}/${r.mutants.total}`.padEnd(16)}${baseline(r.starter, true).padEnd(20)}${baseline(r.nothing, false).padEnd(16)}${(r.ms / 1000).toFixed(1)} s`,
    );
  }
  const misses = reports.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => ({ exercise: r.exercise, ...c })));
  if (misses.length > 0) {
    lines.push('', kleur.bold().red(`${misses.length} miss(es):`));
    for (const miss of misses) lines.push(`  ${miss.exercise} ${miss.kind} ${relative(process.cwd(), miss.file)} (seed ${miss.seed}): ${miss.problem ?? ''}`);
  }
  const total = reports.reduce((n, r) => n + r.mutants.total, 0);
  const caught = reports.reduce((n, r) => n + r.mutants.caught, 0);
  lines.push('', `${reports.length} exercise(s), ${caught}/${total} mutants caught, ${misses.length === 0 && reports.length > 0 ? kleur.green('all graders prove themselves') : kleur.red('graders need work')}`);
  return `${lines.join('\n')}\n`;
}

/** A baseline's score and the most it may score: `6/23 26% (9.2)`, `1/23 (1)`; `—` when it was not graded. */
function baseline(score: BaselineScore | null, share: boolean): string {
  if (score === null) return '—';
  const percent = share && score.maxScore > 0 ? ` ${Math.round((score.score / score.maxScore) * 100)}%` : '';
  return `${score.score}/${score.maxScore}${percent} (${score.allowed})`;
}
