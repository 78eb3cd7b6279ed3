/** `spinlab grade --html DIR`: a timeline page for each failing item, from a replay of its first failing schedule. */
import { join } from 'node:path';
import type { GradeResult } from '../../rubric/result.js';
import { guardLines, renderTimelineHtml, visibleText, type Timeline } from '../../report/index.js';
import { writeAtomic } from '../atomic-write.js';
import type { CommandIo } from '../io.js';
import type { GradingSetup } from '../setup.js';
import { replaySchedule, timelineOf } from './replay-run.js';

/**
 * Writes `<dir>/<item-id>.html` for every item of `result` that failed with a
 * finding that has a schedule (each schedule replayed once), and says on
 * stderr what it wrote — stdout may be carrying the report in a machine
 * format. An item whose replay fails is named and skipped; the grade stands.
 * Returns the files written.
 */
export async function writeItemPages(result: GradeResult, setup: GradingSetup, submission: string, dir: string, io: CommandIo): Promise<string[]> {
  const timelines = new Map<string, Promise<PageTimeline>>();
  const written: string[] = [];
  for (const item of result.items) {
    const finding = item.findings.find((f) => f.schedule !== null);
    if (item.passed || finding?.schedule == null) continue;
    const code = finding.schedule;
    let replayed = timelines.get(code);
    if (replayed === undefined) {
      replayed = pageTimeline(setup, submission, code, result.exercise);
      timelines.set(code, replayed);
    }
    const page = await replayed;
    if (page.timeline === undefined) {
      io.err(guardLines(`spinlab: no page for ${item.id}: the replay of its schedule ${visibleText(page.failed)}\n`));
      continue;
    }
    const file = join(dir, `${item.id}.html`);
    writeAtomic(file, renderTimelineHtml({ ...page.timeline, subject: `${item.id}: ${item.title}`, ...(finding.replay === null ? {} : { replay: finding.replay }) }));
    written.push(file);
  }
  io.err(written.length === 0 ? 'spinlab: no failing item has a schedule to replay: no timeline page written\n' : guardLines(`spinlab: wrote ${written.length} timeline page${written.length === 1 ? '' : 's'}: ${visibleText(written.join(', '))}\n`));
  return written;
}

/** A schedule's timeline for its pages, or why its replay gave none. */
type PageTimeline = { readonly timeline: Timeline; readonly failed?: undefined } | { readonly timeline?: undefined; readonly failed: string };

/** Replays schedule `code` once and makes its timeline, shared by every item that failed in it. */
async function pageTimeline(setup: GradingSetup, submission: string, code: string, exercise: string): Promise<PageTimeline> {
  const replayed = await replaySchedule(setup, submission, code);
  if (replayed.status !== 'replayed') return { failed: replayed.status === 'compile-error' ? 'did not compile' : replayed.reason };
  return { timeline: timelineOf(replayed, { exercise, submission, schedule: code }) };
}
