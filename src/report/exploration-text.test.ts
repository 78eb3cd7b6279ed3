import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../test/helpers/result.js';
import type { ResultBounded } from '../rubric/result.js';
import { boundedCoverage, explorationCoverage, pctGuarantee } from './exploration-text.js';
import { renderText } from './text.js';

const CLAIM = /No violation within/;
const bounded = (overrides: Partial<ResultBounded>): ResultBounded => ({ measure: 'preemptions', bound: 2, coveredBound: 2, schedulesPerBound: [1, 36, 120], verified: true, ...overrides });

describe('what an exploration covered, in the report', () => {
  it('gives PCT’s guarantee with the figures used: 1/(n·k^(d−1))', () => {
    expect(pctGuarantee({ depth: 3, threads: 5, steps: 42 })).toMatch(/d=3 .*n=5 .*k=42 .*= 1\/8820$/);
    expect(pctGuarantee({ depth: 1, threads: 4, steps: 30 })).toMatch(/= 1\/4$/);
    expect(pctGuarantee({ depth: 10, threads: 8, steps: 500 })).toMatch(/= 1\/1\.6e\+25$/);
    expect(pctGuarantee({ depth: 3, threads: 1, steps: 0 })).not.toMatch(/probability/);
  });

  it('claims no violation within C only for an exhausted space with no finding', () => {
    expect(boundedCoverage(bounded({}))).toMatch(/^No violation within 2 preemptions: .*\(157\)/);
    expect(boundedCoverage(bounded({ measure: 'delays', bound: 1, coveredBound: 1, schedulesPerBound: [1, 4] }))).toMatch(/^No violation within 1 delay: .*\(5\)/);
    // Exhausted, but a race (or any finding) was found.
    expect(boundedCoverage(bounded({ verified: false }))).not.toMatch(CLAIM);
  });

  it('says what was covered when the space was not exhausted', () => {
    const partial = boundedCoverage(bounded({ coveredBound: 1, verified: false }));
    expect(partial).not.toMatch(CLAIM);
    expect(partial).toMatch(/at most 1 preemption \(37\) and 120 of the schedules with exactly 2 preemptions/);
    expect(boundedCoverage(bounded({ coveredBound: null, schedulesPerBound: [7], verified: false }))).toMatch(/^Covered 7 of the schedules with no preemptions/);
  });

  it('prints the claim in the text report only when the result says it was verified', () => {
    const clean = sampleResult({ exploration: { ...sampleResult().exploration, strategy: 'dfs', exhausted: true, bounded: bounded({}) } });
    expect(renderText(clean, { color: false, audience: 'student' })).toMatch(CLAIM);
    const raced = sampleResult({ exploration: { ...clean.exploration, bounded: bounded({ verified: false }) } });
    expect(renderText(raced, { color: false, audience: 'staff' })).not.toMatch(CLAIM);
    expect(explorationCoverage(sampleResult().exploration)).toEqual([]);
  });
});
