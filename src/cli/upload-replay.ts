/**
 * A written result's replay commands for a reader at the top of their
 * upload (Gradescope), as `spinlab grade --format gradescope` writes them:
 * a result holds them as they read where `grade` ran. The upload's top is
 * the submission folder (`.`; spinlab finds `exercises/<id>/` there itself),
 * or the lone file graded; the grader's paths are the grader's, not the
 * student's, and are left out.
 */
import { basename } from 'node:path';
import type { GradeResult, ResultFinding } from '../rubric/result.js';
import { printedCommand, shellWord } from './printed-command.js';

/** `result` with every finding's replay command rewritten for a reader at the top of the upload. */
export function forUploadReader(result: GradeResult): GradeResult {
  const target = result.submission.endsWith('.ts') ? shellWord(basename(result.submission)) : '.';
  const cpus = / --cpus (\d+)/.exec(firstReplay(result) ?? '')?.[1];
  const replay = (finding: ResultFinding): ResultFinding =>
    finding.replay === null || finding.schedule === null
      ? finding
      : { ...finding, replay: `${printedCommand(['replay', result.exercise])} ${target} --schedule ${finding.schedule}${cpus === undefined ? '' : ` --cpus ${cpus}`}` };
  return { ...result, items: result.items.map((item) => ({ ...item, findings: item.findings.map(replay) })), unscored: result.unscored.map(replay) };
}

function firstReplay(result: GradeResult): string | undefined {
  for (const item of result.items) for (const finding of item.findings) if (finding.replay !== null) return finding.replay;
  return undefined;
}
