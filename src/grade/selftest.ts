/**
 * Proving a grader: every correct solution gets full marks, the reference
 * one running and touching the exercise's whole contract; every mutant — a
 * patch against solution.ts (mutants/*.patch, see mutant-patch.ts) — fails
 * exactly the items its header names (`# fails: a, b`) and passes the rest,
 * each item judged on its own evidence (before `requires` applies), under
 * the rubric's seed and three others; the untouched starter scores at most
 * the rubric's `starterMax`, and the do-nothing driver nothing beyond the
 * type-check (selftest-baselines.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Exercise } from '../rubric/catalog.js';
import type { GradeResult } from '../rubric/result.js';
import type { Exploration, Rubric } from '../rubric/rubric.js';
import type { CoverageSeen } from '../explore/index.js';
import { contractProblem } from './contract-check.js';
import { gradeSubmission } from './grade-submission.js';
import { baselineFiles, baselineMissing, nothingVerdict, starterVerdict, type BaselineScore, type BaselineVerdict } from './selftest-baselines.js';
import { applyMutantPatch, MutantPatchError, parseMutantPatch, type MutantPatch } from './mutant-patch.js';

/** One thing selftest checked, and whether it held. */
export interface SelftestCheck {
  /**
   * `contract`: the exercise's declared routines and fields, against the
   * reference solution; `nothing`: the do-nothing driver (graders/<id>/nothing.ts).
   */
  readonly kind: 'solution' | 'contract' | 'mutant' | 'starter' | 'nothing';
  readonly file: string;
  readonly seed: number;
  readonly ok: boolean;
  /** What went wrong, when not ok. */
  readonly problem: string | null;
  /** The grading ended `grader-error` (the scenario or an invariant threw, spinlab failed): the grader itself is broken. */
  readonly graderError?: boolean;
}

/** An exercise's selftest. */
export interface SelftestReport {
  readonly exercise: string;
  readonly solutions: { readonly passed: number; readonly total: number };
  readonly mutants: { readonly caught: number; readonly total: number };
  readonly starterBelowFull: boolean;
  /** The untouched starter's score, and the most it may score (the rubric's starterMax); null when it was not graded. */
  readonly starter: BaselineScore | null;
  /** The do-nothing driver's score, and the most it may score (the type-check items' points); null when it was not graded. */
  readonly nothing: BaselineScore | null;
  readonly checks: readonly SelftestCheck[];
  /** Milliseconds its own gradings took, summed (not wall time: exercises share the grading pool). */
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

/** The files of `dir` whose names end in `ending`, sorted by name, as paths; none when `dir` does not exist. */
export function filesEnding(dir: string, ending: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(ending))
    .sort()
    .map((name) => join(dir, name));
}

/** The mutant patches of a grader folder (`mutants/*.patch`), sorted by name. */
export function mutantPatches(graderDir: string): string[] {
  return filesEnding(join(graderDir, 'mutants'), '.patch');
}

/** A mutant read from its patch: its header and the driver it makes. */
export interface Mutant {
  /** The file name without `.patch`. */
  readonly name: string;
  readonly patch: MutantPatch;
  /** The grader's solution.ts with the patch applied. */
  readonly source: string;
}

/**
 * Reads the mutant patch `file` and applies it to the grader's solution.ts (the folder above mutants/),
 * or to `solution`, that file's text when the caller has read it already. Throws MutantPatchError.
 */
export function readMutant(file: string, solution?: string): Mutant {
  const name = basename(file, '.patch');
  const patch = parseMutantPatch(readFileSync(file, 'utf8'), name);
  return { name, patch, source: applyMutantPatch(patch, solution ?? readSolution(file, name)) };
}

/** The text of the solution.ts the mutant patch `file` (of mutant `name`) applies to. Throws MutantPatchError when there is none. */
function readSolution(file: string, name: string): string {
  const solution = join(dirname(dirname(file)), 'solution.ts');
  if (!existsSync(solution)) throw new MutantPatchError(name, `no ${solution} to apply the patch to`, 'a grader with mutants needs its solution.ts');
  return readFileSync(solution, 'utf8');
}

/** A driver written as a submission: a fresh temporary folder holding it as the student file. */
export interface MutantFolder {
  readonly dir: string;
  /** The student file in it. */
  readonly file: string;
  /** Removes the folder. */
  remove(): void;
}

/** Writes `source` into a fresh temporary folder as `student` (the exercise's student file name). */
export function writeMutantFolder(source: string, student: string): MutantFolder {
  const dir = mkdtempSync(join(tmpdir(), 'spinlab-mutant-'));
  const file = join(dir, student);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the selftest of one exercise. */
export async function selftestExercise(setup: SelftestSetup): Promise<SelftestReport> {
  // The time this exercise's own gradings took (summed): exercises share the pool, so wall time since the
  // start would count the others' gradings too, and the column would only grow down the table.
  let busyMs = 0;
  const { exercise, rubric } = setup;
  const grader = exercise.graderDir;
  const solutions = [join(grader, 'solution.ts'), ...filesEnding(join(grader, 'solutions'), '.ts')].filter((f) => existsSync(f));
  const mutants = mutantPatches(grader);
  // Read once for every mutant; when it is missing, readMutant says so for each.
  const solutionText = existsSync(join(grader, 'solution.ts')) ? readFileSync(join(grader, 'solution.ts'), 'utf8') : undefined;
  // A whole-file mutant of the old form would otherwise be skipped without a word.
  const wholeFiles = filesEnding(join(grader, 'mutants'), '.ts');
  const seeds = setup.extraSeeds === false ? [setup.exploration.seed] : [0, 1, 2, 3].map((d) => (setup.exploration.seed + d) >>> 0);
  const gradeNow = async (submission: string, seed: number, typecheck: boolean, onSeen?: (seen: CoverageSeen | null) => void): Promise<GradeResult> => {
    const started = Date.now();
    try {
      return await gradeSubmission({ exercise, rubric, exploration: { ...setup.exploration, seed }, submission, typecheck, replay: null, onSeen });
    } finally {
      busyMs += Date.now() - started;
    }
  };
  const grade = (file: string, seed: number, typecheck: boolean, onSeen?: (seen: CoverageSeen | null) => void): Promise<GradeResult> =>
    setup.run(() => gradeNow(file, seed, typecheck, onSeen));
  // A mutant is graded as a submission under each seed: its driver written once, when the first grading starts,
  // as the student file of a fresh folder that every seed's grading reads (each stages its own copy), removed
  // after the last has settled; each result is given once the folder is gone. The first seed's grading type-checks.
  const gradeSource = (source: string): Promise<GradeResult>[] => {
    let folder: MutantFolder | undefined;
    const dir = (): string => (folder ??= writeMutantFolder(source, exercise.student)).dir;
    const graded = seeds.map((seed, index) => setup.run(() => gradeNow(dir(), seed, index === 0)));
    const removed = Promise.allSettled(graded).then(() => folder?.remove());
    return graded.map(async (result) => {
      await removed;
      return result;
    });
  };

  const reference = join(grader, 'solution.ts');
  let referenceSeen: CoverageSeen | null = null;
  const solutionChecks = solutions.map(async (file): Promise<SelftestCheck> => {
    const result = await grade(file, setup.exploration.seed, true, file === reference ? (seen) => (referenceSeen = seen) : undefined);
    const ok = result.status === 'graded' && result.score >= result.maxScore;
    return { kind: 'solution', file, seed: setup.exploration.seed, ok, problem: ok ? null : describeShortfall(result), ...graderErrorOf(result) };
  });
  // The reference solution runs every routine the exercise declares and touches every field.
  const contractCheck = existsSync(reference)
    ? solutionChecks[0]!.then((): SelftestCheck => {
        const problem = contractProblem(exercise, referenceSeen);
        return { kind: 'contract', file: join(exercise.dir, 'exercise.json'), seed: setup.exploration.seed, ok: problem === null, problem };
      })
    : null;
  const mutantChecks = mutants.flatMap((file) => {
    const miss = (problem: string) => [Promise.resolve<SelftestCheck>({ kind: 'mutant', file, seed: setup.exploration.seed, ok: false, problem })];
    let mutant: Mutant;
    try {
      mutant = readMutant(file, solutionText);
    } catch (error) {
      // A patch that is malformed or no longer fits solution.ts is a miss, named, never a crash.
      if (error instanceof MutantPatchError) return miss(error.problem);
      throw error;
    }
    const header = mutant.patch.header;
    if (header === null) return miss('no `# fails: <item ids>` header on its first line');
    const expected = header.fails;
    const unknown = [...expected, ...header.mayFail].filter((id) => !rubric.items.some((item) => item.id === id));
    if (unknown.length > 0) return miss(`its header names unknown items: ${unknown.join(', ')}`);
    // The type-check does not depend on the seed: run it with the rubric's seed only.
    const results = gradeSource(mutant.source);
    return seeds.map(async (seed, index): Promise<SelftestCheck> => {
      const result = await results[index]!;
      // Each item's own verdict: a header names what the bug breaks, not what `requires` takes with it.
      const failed = result.items.filter((item) => !(item.passedOwn ?? item.passed) && !(index > 0 && item.check === 'typecheck')).map((item) => item.id).sort();
      const wanted = index > 0 ? expected.filter((id) => rubric.items.find((i) => i.id === id)?.check !== 'typecheck') : expected;
      // Exactly the declared items, give or take the ones that fail only in some schedules.
      const ok = result.status === 'graded' && same(failed.filter((id) => !header.mayFail.includes(id)), wanted);
      return { kind: 'mutant', file, seed, ok, problem: ok ? null : `expected to fail [${wanted.join(', ')}], failed [${failed.join(', ')}]${result.status === 'graded' ? '' : ` (${result.status}: ${result.message ?? ''})`}`, ...graderErrorOf(result) };
    });
  });
  const wholeFileChecks = wholeFiles.map((file) =>
    Promise.resolve<SelftestCheck>({
      kind: 'mutant',
      file,
      seed: setup.exploration.seed,
      ok: false,
      problem: `a whole-file mutant: a mutant is a patch against solution.ts now (diff -u solution.ts ${basename(file)} > ${basename(file, '.ts')}.patch, its header as \`# fails:\` lines on top; docs/authors.md)`,
    }),
  );
  const baselines = baselineFiles(exercise);
  const scores = new Map<'starter' | 'nothing', BaselineScore | null>();
  const baselineCheck = async (kind: 'starter' | 'nothing', file: string, verdict: (result: GradeResult) => BaselineVerdict): Promise<SelftestCheck> => {
    const seed = setup.exploration.seed;
    const missing = baselineMissing(kind, file);
    if (missing !== null) return { kind, file, seed, ok: false, problem: missing.problem };
    const result = await grade(file, seed, true);
    const held = verdict(result);
    scores.set(kind, held.score);
    return { kind, file, seed, ok: held.ok, problem: held.problem, ...graderErrorOf(result) };
  };
  const starterCheck = baselineCheck('starter', baselines.starter, (result) => starterVerdict(result, rubric));
  const nothingCheck = baselineCheck('nothing', baselines.nothing, (result) => nothingVerdict(result, rubric));
  const checks = await Promise.all([...solutionChecks, ...(contractCheck === null ? [] : [contractCheck]), ...mutantChecks, ...wholeFileChecks, starterCheck, nothingCheck]);
  const starter = scores.get('starter') ?? null;
  const mutantFiles = new Map<string, boolean>();
  for (const check of checks) if (check.kind === 'mutant') mutantFiles.set(check.file, (mutantFiles.get(check.file) ?? true) && check.ok);
  return {
    exercise: exercise.id,
    solutions: { passed: checks.filter((c) => c.kind === 'solution' && c.ok).length, total: solutions.length },
    mutants: { caught: [...mutantFiles.values()].filter(Boolean).length, total: mutants.length + wholeFiles.length },
    starterBelowFull: starter !== null && starter.score < starter.maxScore,
    starter,
    nothing: scores.get('nothing') ?? null,
    checks,
    ms: busyMs,
  };
}

/** Whether a report has no miss (and the grader has at least one solution and one mutant). */
export function selftestPassed(report: SelftestReport): boolean {
  return report.solutions.total > 0 && report.mutants.total > 0 && report.checks.every((check) => check.ok);
}

/** Whether any grading of a report ended `grader-error`: the grader is broken, not merely imprecise. */
export function selftestGraderError(report: SelftestReport): boolean {
  return report.checks.some((check) => check.graderError === true);
}

function graderErrorOf(result: GradeResult): { graderError?: true } {
  return result.status === 'grader-error' ? { graderError: true } : {};
}

function describeShortfall(result: GradeResult): string {
  if (result.status !== 'graded') return `${result.status}: ${result.message ?? ''}`;
  const lost = result.items.filter((item) => !item.passed);
  const why = (item: GradeResult['items'][number]) => item.findings[0]?.message ?? (item.unmet === undefined ? item.check : `it requires ${item.unmet.join(', ')}`);
  return `${result.score}/${result.maxScore}: lost ${lost.map((item) => `${item.id} (${why(item)})`).join('; ')}`;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
