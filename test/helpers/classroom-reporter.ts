/**
 * The arithmetic of GitHub Classroom's autograding-grading-reporter
 * (github-education-resources/autograding-grading-reporter, src/), ported
 * so tests can run spinlab's `--format classroom` output through it:
 *
 * - the points Classroom records (notify-classroom.js): the sum of every
 *   test's `score` over the sum of each runner's `max_score` (a runner whose
 *   `max_score` is 0 or missing counts for nothing);
 * - the summary table (aggregate-results.js): per runner, the share of
 *   tests whose status is `pass`, times its `max_score`;
 * - the console lines (console-results.js): passed tests over all tests;
 * - the step fails (main.js) when any runner's status is `fail` or `error`.
 */

/** One runner's results, as the reporter reads its `<RUNNER>_RESULTS` env (decoded). */
export interface ClassroomResults {
  readonly version?: number;
  readonly status: string;
  readonly max_score?: number;
  readonly tests: ReadonlyArray<{ readonly name: string; readonly status: string; readonly score?: number; readonly max_score?: number; readonly message?: string; readonly filename?: string; readonly line_no?: number }>;
}

/** What the reporter would record and show for these runners. */
export function classroomReporter(runners: ReadonlyArray<{ runner: string; results: ClassroomResults }>) {
  let totalScore = 0;
  let maxScore = 0;
  for (const { results } of runners) {
    if (!results.max_score) continue;
    maxScore += results.max_score;
    for (const test of results.tests) totalScore += test.score as number;
  }
  const table = runners.map(({ runner, results }) => {
    const passed = results.tests.filter((test) => test.status === 'pass').length;
    return { runner, score: (passed / results.tests.length) * (results.max_score || 1), maxScore: results.max_score || 0 };
  });
  const passedTests = runners.reduce((n, { results }) => n + results.tests.filter((t) => t.status === 'pass').length, 0);
  const allTests = runners.reduce((n, { results }) => n + results.tests.length, 0);
  return {
    /** `Points ${totalScore}/${maxScore}`, the text Classroom records. */
    points: `Points ${totalScore}/${maxScore}`,
    totalScore,
    maxScore,
    table,
    grandTotal: (passedTests / allTests) * 100,
    failed: runners.some((r) => r.results.status === 'fail') || runners.some((r) => r.results.status === 'error'),
  };
}

/** Decodes a `--format classroom --base64` output as the reporter does (`Buffer.from(env, 'base64')`). */
export function decodeRunner(runner: string, base64: string): { runner: string; results: ClassroomResults } {
  return { runner, results: JSON.parse(Buffer.from(base64.trim(), 'base64').toString('utf-8')) as ClassroomResults };
}
