import { describe, expect, it } from 'vitest';
import type { GradeResult, ResultFinding } from '../rubric/result.js';
import { forUploadReader } from './upload-replay.js';

const finding = (replay: string | null, schedule: string | null): ResultFinding => ({ replay, schedule }) as unknown as ResultFinding;
const result = (submission: string, findings: ResultFinding[]): GradeResult =>
  ({ exercise: '01-initialize-lock', submission, items: [{ findings }], unscored: [] }) as unknown as GradeResult;

describe("a written result's replay commands for a reader at the top of their upload", () => {
  it('names the folder as `.`, keeps --cpus, and leaves out the grader paths', () => {
    const here = finding('npx spinlab replay 01-initialize-lock /srv/class/ada --schedule AbC --cpus 2 --graders /srv/graders', 'AbC');
    const [rewritten] = forUploadReader(result('/srv/class/ada', [here])).items[0]!.findings;
    expect(rewritten!.replay).toBe('npx spinlab replay 01-initialize-lock . --schedule AbC --cpus 2');
  });

  it('names a lone file by its name, and leaves a finding with no schedule as it is', () => {
    const lone = forUploadReader(result('/srv/class/ada/my driver.ts', [finding('npx spinlab replay 01-initialize-lock x --schedule Q1', 'Q1'), finding(null, null)]));
    expect(lone.items[0]!.findings.map((f) => f.replay)).toEqual(["npx spinlab replay 01-initialize-lock 'my driver.ts' --schedule Q1", null]);
  });
});
