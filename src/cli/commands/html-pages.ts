/** `spinlab grade --html DIR`: a timeline page for each failing item, from a replay of its first failing schedule. */
import { join } from 'node:path';
import type { GradeResult } from '../../rubric/result.js';
import { renderTimelineHtml } from '../../report/index.js';
import { writeAtomic } from '../atomic-write.js';
import type { CommandIo } from '../io.js';
import type { GradingSetup } from '../setup.js';
import { replaySchedule, timelineOf, type ReplayRun } from './replay-run.js';

/**
 * Writes `<dir>/<item-id>.html` for every item of `result` that failed with a
 * finding that has a schedule (each schedule replayed once), and says on
 * stderr what it wrote — stdout may be carrying the report in a machine
 * format. An item whose replay fails is named and skipped; the grade stands.
 * Returns the files written.
 */
export async function writeItemPages(result: GradeResult, setup: GradingSetup, submission: string, dir: string, io: CommandIo): Promise<string[]> {
  const runs = new Map<string, Promise<ReplayRun>>();
  const written: string[] = [];
  for (const item of result.items) {
    const finding = item.findings.find((f) => f.schedule !== null);
    if (item.passed || finding?.schedule == null) continue;
    const code = finding.schedule;
    let run = runs.get(code);
    if (run === undefined) {
      run = replaySchedule(setup, submission, code);
      runs.set(code, run);
    }
    const replayed = await run;
    if (replayed.status !== 'replayed') {
      io.err(`spinlab: no page for ${item.id}: the replay of its schedule ${replayed.status === 'compile-error' ? 'did not compile' : replayed.reason}\n`);
      continue;
    }
    const timeline = timelineOf(replayed, { exercise: result.exercise, submission, schedule: code });
    const file = join(dir, `${item.id}.html`);
    writeAtomic(file, renderTimelineHtml({ ...timeline, subject: `${item.id}: ${item.title}`, ...(finding.replay === null ? {} : { replay: finding.replay }) }));
    written.push(file);
  }
  io.err(written.length === 0 ? 'spinlab: no failing item has a schedule to replay: no timeline page written\n' : `spinlab: wrote ${written.length} timeline page${written.length === 1 ? '' : 's'}: ${written.join(', ')}\n`);
  return written;
}
