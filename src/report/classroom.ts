/**
 * GitHub Classroom's autograding result (version 1), as the
 * autograding-grading-reporter reads it: status, max_score, tests[]. The
 * reporter totals the points as the sum of `tests[].score` over the sum of
 * `max_score`, and its summary table as passed tests over all tests times
 * `max_score`: so `max_score` is exactly the sum of the tests emitted (the
 * visible items — Classroom shows every test to the student), and a test
 * passes only with all its points. Plain JSON, or base64 for a step output.
 * The reporter prints each failed test's name and message in the Actions
 * log, a line at a time: every string is made visible and no line of it
 * can pass for a workflow command.
 */
import type { GradeResult } from '../rubric/result.js';
import { itemsFor, lostBecause, maxPointsOf } from './items.js';
import { inertJson, logText, mapStrings } from './sanitize.js';

/** Renders the Classroom result; `base64` encodes it for a step output. */
export function renderClassroom(result: GradeResult, base64 = false): string {
  const visible = itemsFor(result, 'student');
  const entry = result.entry ?? result.submission;
  const tests = visible.map((item) => {
    const location = item.findings[0]?.location ?? null;
    const passed = item.passed && item.points >= item.maxPoints;
    return {
      name: item.title,
      status: passed ? 'pass' : result.status === 'graded' ? 'fail' : 'error',
      score: item.points,
      max_score: item.maxPoints,
      message: passed ? '' : lostBecause(result, item),
      filename: location?.file ?? entry,
      line_no: location?.line ?? 0,
      test_code: item.check,
    };
  });
  const passedAll = tests.every((test) => test.status === 'pass');
  const report = {
    version: 1,
    status: result.status !== 'graded' ? 'error' : passedAll ? 'pass' : 'fail',
    max_score: maxPointsOf(visible),
    tests,
  };
  const json = inertJson(mapStrings(report, (text) => logText(text)));
  return `${base64 ? Buffer.from(json).toString('base64') : json}\n`;
}
