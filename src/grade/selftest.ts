/**
 * Proving a grader: every correct solution gets full marks; every mutant
 * fails exactly the items its header names (`// fails: a, b`) and passes the
 * rest, under the rubric's seed and three others; the starter falls short.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../rubric/catalog.js';
import type { GradeResult } from '../rubric/result.js';
import type { Exploration, Rubric } from '../rubric/rubric.js';
import { gradeSubmission } from './grade-submission.js';

/** One thing selftest checked, and whether it held. */
export interface SelftestCheck {
  readonly kind: 'solution' | 'mutant' | 'starter';
  readonly file: string;
  readonly seed: number;
  readonly ok: boolean;
  /** What went wrong, when not ok. */
  readonly problem: string | null;
}

/** An exercise's selftest. */
export interface SelftestReport {
  readonly exercise: string;
  readonly solutions: { readonly passed: number; readonly total: number };
  readonly mutants: { readonly caught: number; readonly total: number };
  readonly starterBelowFull: boolean;
  readonly checks: readonly SelftestCheck[];
  readonly ms: number;
}

/** What selftest grades with. */
export interface SelftestSetup {
  readonly exercise: Exercise;
  readonly rubric: Rubric;
  readonly exploration: Exploration;
  /** Also grade each mutant under the rubric's seed + 1, + 2, + 3 (default true). */
  readonly extraSeeds?: boolean;
  /** Runs gradings (a pool shared across exercises). */
  readonly run: <T>(task: () => Promise<T>) => Promise<T>;
}

/** What a mutant's first line declares: the items it must fail, and those it may fail in some schedules only. */
export interface MutantHeader {
  readonly fails: string[];
  readonly mayFail: string[];
}

/**
 * The items a mutant's first line names: `// fails: a, b` — or
 * `// fails: a, b; may fail: c` when c's failure depends on the schedule (a
 * consequence that only some interleavings show, as on the real machine).
 * Null if the header is missing.
 */
export function mutantHeader(source: string): MutantHeader | null {
  const match = /^\s*\/\/\s*fails:\s*([^;]+?)\s*(?:;\s*may fail:\s*(.+))?$/m.exec(source.split('\n')[0] ?? '');
  if (match === null) return null;
  const ids = (text: string | undefined) =>
    (text ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .sort();
  return { fails: ids(match[1]), mayFail: ids(match[2]) };
}

/** Runs the selftest of one exercise. */
export async function selftestExercise(setup: SelftestSetup): Promise<SelftestReport> {
  const started = Date.now();
  const { exercise, rubric } = setup;
  const grader = exercise.graderDir;
  const solutions = [join(grader, 'solution.ts'), ...tsFiles(join(grader, 'solutions'))].filter((f) => existsSync(f));
  const mutants = tsFiles(join(grader, 'mutants'));
  const seeds = setup.extraSeeds === false ? [setup.exploration.seed] : [0, 1, 2, 3].map((d) => (setup.exploration.seed + d) >>> 0);
  const grade = (file: string, seed: number, typecheck: boolean): Promise<GradeResult> =>
    setup.run(() => gradeSubmission({ exercise, rubric, exploration: { ...setup.exploration, seed }, submission: file, typecheck, replay: null }));

  const solutionChecks = solutions.map(async (file): Promise<SelftestCheck> => {
    const result = await grade(file, setup.exploration.seed, true);
    const ok = result.status === 'graded' && result.score >= result.maxScore;
    return { kind: 'solution', file, seed: setup.exploration.seed, ok, problem: ok ? null : describeShortfall(result) };
  });
  const mutantChecks = mutants.flatMap((file) => {
    const header = mutantHeader(readFileSync(file, 'utf8'));
    if (header === null) {
      return [Promise.resolve<SelftestCheck>({ kind: 'mutant', file, seed: setup.exploration.seed, ok: false, problem: 'no `// fails: <item ids>` header on its first line' })];
    }
    const expected = header.fails;
    const unknown = [...expected, ...header.mayFail].filter((id) => !rubric.items.some((item) => item.id === id));
    if (unknown.length > 0) {
      return [Promise.resolve<SelftestCheck>({ kind: 'mutant', file, seed: setup.exploration.seed, ok: false, problem: `its header names unknown items: ${unknown.join(', ')}` })];
    }
    // The type-check does not depend on the seed: run it with the rubric's seed only.
    return seeds.map(async (seed, index): Promise<SelftestCheck> => {
      const result = await grade(file, seed, index === 0);
      const failed = result.items.filter((item) => !item.passed && !(index > 0 && item.check === 'typecheck')).map((item) => item.id).sort();
      const wanted = index > 0 ? expected.filter((id) => rubric.items.find((i) => i.id === id)?.check !== 'typecheck') : expected;
      // Exactly the declared items, give or take the ones that fail only in some schedules.
      const ok = result.status === 'graded' && same(failed.filter((id) => !header.mayFail.includes(id)), wanted);
      return { kind: 'mutant', file, seed, ok, problem: ok ? null : `expected to fail [${wanted.join(', ')}], failed [${failed.join(', ')}]${result.status === 'graded' ? '' : ` (${result.status}: ${result.message ?? ''})`}` };
    });
  });
  const starterFile = join(exercise.dir, exercise.student);
  const starterCheck = (async (): Promise<SelftestCheck> => {
    if (!existsSync(starterFile)) return { kind: 'starter', file: starterFile, seed: setup.exploration.seed, ok: false, problem: 'no starter file' };
    const result = await grade(starterFile, setup.exploration.seed, true);
    const ok = result.score < result.maxScore;
    return { kind: 'starter', file: starterFile, seed: setup.exploration.seed, ok, problem: ok ? null : 'the starter already gets full marks' };
  })();
  const checks = await Promise.all([...solutionChecks, ...mutantChecks, starterCheck]);
  const mutantFiles = new Map<string, boolean>();
  for (const check of checks) if (check.kind === 'mutant') mutantFiles.set(check.file, (mutantFiles.get(check.file) ?? true) && check.ok);
  return {
    exercise: exercise.id,
    solutions: { passed: checks.filter((c) => c.kind === 'solution' && c.ok).length, total: solutions.length },
    mutants: { caught: [...mutantFiles.values()].filter(Boolean).length, total: mutants.length },
    starterBelowFull: checks.find((c) => c.kind === 'starter')?.ok ?? false,
    checks,
    ms: Date.now() - started,
  };
}

/** Whether a report has no miss (and the grader has at least one solution and one mutant). */
export function selftestPassed(report: SelftestReport): boolean {
  return report.solutions.total > 0 && report.mutants.total > 0 && report.checks.every((check) => check.ok);
}

function describeShortfall(result: GradeResult): string {
  if (result.status !== 'graded') return `${result.status}: ${result.message ?? ''}`;
  const lost = result.items.filter((item) => !item.passed);
  return `${result.score}/${result.maxScore}: lost ${lost.map((item) => `${item.id} (${item.findings[0]?.message ?? item.check})`).join('; ')}`;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(dir, name));
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
