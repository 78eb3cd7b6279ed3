import { describe, expect, it } from 'vitest';
import { jsonProblems, junitProblems } from '../../test/helpers/inert.js';
import { sampleResult } from '../../test/helpers/result.js';
import { MAX_REPORT_BYTES } from '../rubric/result-limits.js';
import type { GradeResult, ResultFinding } from '../rubric/result.js';
import { validateAgainst } from '../rubric/schemas.js';
import { REPORTERS } from './index.js';

const MB = 1 << 20;

/** A result no driver can make any more: every string a student controls up to a megabyte, every list as long as it can be (strings shared, to keep the test's own memory small). */
function monstrous(): GradeResult {
  const big = 'x'.repeat(MB);
  const long = 'y'.repeat(10_000);
  const base = sampleResult({ status: 'crashed', message: big });
  const finding: ResultFinding = {
    ...base.items[1]!.findings[0]!,
    message: big,
    routine: big,
    context: big,
    target: big,
    lock: big,
    locks: Array.from({ length: 1_000 }, () => long),
    location: { file: big, line: 1, column: 1 },
    source: big,
    related: Array.from({ length: 1_000 }, () => ({ label: long, routine: 'R', cpu: 0, locks: [], location: null, source: long })),
    details: Array.from({ length: 1_000 }, () => long),
    replay: 'spinlab replay e2e-count alice --schedule AbC',
  };
  return {
    ...base,
    items: Array.from({ length: 12 }, (_, i) => ({ ...base.items[1]!, id: `item-${i}`, findings: Array.from({ length: 5 }, () => finding) })),
    unscored: Array.from({ length: 10 }, () => finding),
    diagnostics: Array.from({ length: 10_000 }, (_, i) => ({ kind: 'typecheck' as const, file: long, line: i + 1, column: 1, message: long, source: long })),
    output: big,
  };
}

describe('every report within the size bound', () => {
  const result = monstrous();

  it.each(Object.keys(REPORTERS))('%s: at most 1 MB from a result of hundreds of megabytes, its scores intact', async (format) => {
    const out = REPORTERS[format]!(result, { color: false, audience: 'staff', base64: format === 'classroom' });
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    expect(out.length).toBeGreaterThan(1_000);
    if (format === 'json') {
      const written = JSON.parse(out) as GradeResult;
      expect(validateAgainst('result', written)).toEqual([]);
      expect({ score: written.score, maxScore: written.maxScore, status: written.status }).toEqual({ score: result.score, maxScore: result.maxScore, status: result.status });
      expect(written.items.map((item) => [item.id, item.points, item.passed, item.schedulesFailed])).toEqual(result.items.map((item) => [item.id, item.points, item.passed, item.schedulesFailed]));
      expect(jsonProblems(out)).toEqual([]);
    }
    if (format === 'junit') expect(await junitProblems(out)).toEqual([]);
    if (format === 'gradescope') expect(JSON.parse(out).score).toBe(result.score);
  }, 60_000);

  it('leaves an ordinary result as it is', () => {
    const ordinary = sampleResult();
    expect(JSON.parse(REPORTERS.json!(ordinary, { color: false, audience: 'staff' }))).toEqual(ordinary);
  });
});
