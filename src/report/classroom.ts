/**
 * GitHub Classroom's autograding result (version 1), as the
 * autograding-grading-reporter reads it: status, max_score, tests[].
 * Plain JSON, or base64 for a step output.
 */
import type { GradeResult } from '../rubric/result.js';
import { itemsFor } from './items.js';
import { stripAnsi } from './sanitize.js';

/** Renders the Classroom result; `base64` encodes it for a step output. */
export function renderClassroom(result: GradeResult, base64 = false): string {
  const report = {
    version: 1,
    status: result.status === 'graded' ? (result.score >= result.maxScore ? 'pass' : 'fail') : 'error',
    max_score: result.maxScore,
    tests: itemsFor(result, 'student').map((item) => {
      const finding = item.findings[0];
      return {
        name: item.title,
        status: item.passed ? 'pass' : result.status === 'graded' ? 'fail' : 'error',
        score: item.points,
        max_score: item.maxPoints,
        message: item.passed ? '' : stripAnsi(finding === undefined ? (result.message ?? `${item.check} did not pass`) : `${finding.rule}: ${finding.message}`),
        ...(finding?.location ? { filename: finding.location.file, line_no: finding.location.line } : {}),
        test_code: item.check,
      };
    }),
  };
  const json = JSON.stringify(report);
  return `${base64 ? Buffer.from(json).toString('base64') : json}\n`;
}
