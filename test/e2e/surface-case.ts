/**
 * The shape of one attack on the grader's own surfaces — staging, the
 * type-check, the host-side steps, the reports, batch — as
 * test/e2e/surfaces.test.ts runs it: each case builds a submission in a
 * class folder; the runner grades it through the built CLI in every report
 * format and grades the whole class with `spinlab batch`, asserting for
 * every case the exit code, a written result, a score no higher than the
 * honest starter's, no outside data in any output, inert reports in every
 * format and every student present exactly once in the batch.
 *
 * Cases live in test/e2e/surface-cases/<area>.ts, each file exporting
 * `CASES: readonly SurfaceCase[]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

/** The class of issue #19 a case covers. */
export type SurfaceArea = 'typecheck' | 'host-steps' | 'results' | 'batch' | 'neighbours' | 'clock' | 'reports' | 'sizes' | 'leaks' | 'positions';

/** What a case's `build` is given. */
export interface SurfaceContext {
  /** The class folder: the case creates its submission(s) in it, and nothing else. */
  readonly classDir: string;
  /** A folder beside the class folder, holding `secret.ts` (exports the canary): no output may ever contain what it holds. */
  readonly outsideDir: string;
  /** The honest e2e-count starter (below full marks: it counts with no lock), to change into an attack. */
  readonly honestStarter: string;
  /** The canary string: it must never appear in any output. */
  readonly canary: string;
}

/** One attack on a surface of the grader. */
export interface SurfaceCase {
  /** Unique, kebab-case. */
  readonly name: string;
  readonly area: SurfaceArea;
  /**
   * Creates the submission in `ctx.classDir` (a folder holding `driver.ts`, or a single `.ts`
   * file) and returns its path, as `spinlab grade e2e-count <path>` is given it. A case may
   * create more than one entry (the batch then grades each); it returns the one graded alone.
   */
  readonly build: (ctx: SurfaceContext) => string;
  /** Statuses the grading may end in. */
  readonly status: readonly string[];
  /** Type-check on (default off). */
  readonly typecheck?: boolean;
  /** Exploration time limit in seconds (default 20). */
  readonly timeout?: number;
  /** Extra assertions on the JSON result. */
  readonly verify?: (result: SurfaceResult) => void;
}

/** The parts of a result JSON the cases look at. */
export interface SurfaceResult {
  readonly status: string;
  readonly score: number;
  readonly maxScore: number;
  readonly message: string | null;
  readonly output: string;
  readonly diagnostics: ReadonlyArray<{ readonly file: string; readonly line: number; readonly column: number; readonly message: string; readonly source?: string }>;
  readonly items: ReadonlyArray<{ readonly id: string; readonly passed: boolean; readonly points: number; readonly findings: ReadonlyArray<{ readonly message: string; readonly location: { readonly file: string; readonly line: number; readonly column: number } | null; readonly source: string | null }> }>;
}

/** The honest e2e-count starter's text. */
export function honestStarterText(): string {
  return readFileSync(join(ROOT, 'test/fixtures/course/exercises/e2e-count/driver.ts'), 'utf8');
}

/**
 * `result`'s score and the points of the invariant items it lost: the honest starter's racy update loses them
 * by the schedules' luck, and a case racing in code the machine runs atomically (a synchronous helper) keeps
 * them — neither is a surface earning points.
 */
export function honestCeiling(result: SurfaceResult): number {
  const items = result.items as ReadonlyArray<SurfaceResult['items'][number] & { readonly check: string; readonly maxPoints: number }>;
  return result.score + items.filter((item) => item.check === 'invariant' && !item.passed).reduce((sum, item) => sum + item.maxPoints, 0);
}
