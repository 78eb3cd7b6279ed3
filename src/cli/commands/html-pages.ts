/**
 * Timeline pages from a graded result: `spinlab grade --html DIR` (one per
 * failing item) and `spinlab check --html [FILE] [--open]` (the first
 * failing item's), each from a replay of the item's first failing schedule.
 */
import { join, relative } from 'node:path';
import type { GradeResult } from '../../rubric/result.js';
import { guardLines, renderTimelineHtml, visibleText, type Timeline } from '../../report/index.js';
import { writeAtomic } from '../atomic-write.js';
import type { CommandIo } from '../io.js';
import { openFile } from '../open-file.js';
import { requireWritableFile } from '../output-paths.js';
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

/** Where `spinlab check --html` writes when given no path: in the folder it runs in (the exercise folder, when the student runs it there). */
export const CHECK_PAGE = 'spinlab-timeline.html';

/** `check --html [FILE]` and `--open`, as the command line gives them. */
export interface CheckPageFlags {
  readonly html?: string | boolean;
  readonly open?: boolean;
}

/** The page file `flags` ask for (`--open` alone asks for the default), or undefined; checked writable now, before any grading. */
export function checkPagePath(flags: CheckPageFlags): string | undefined {
  if (flags.html === undefined && flags.open !== true) return undefined;
  const file = typeof flags.html === 'string' ? flags.html : CHECK_PAGE;
  requireWritableFile(file);
  return file;
}

/**
 * `spinlab check --html`: writes the page of the first failing item that has
 * a schedule to `file` and names it on stderr relative to the current
 * folder; with `open`, starts the platform's opener on it (saying so, or why
 * not, the path printed either way). When every item passed, or no failing
 * item has a schedule, it says so and writes nothing. Never changes the
 * check's exit code.
 */
export async function writeCheckPage(result: GradeResult, setup: GradingSetup, submission: string, file: string, open: boolean, io: CommandIo): Promise<void> {
  const failing = result.items.filter((item) => !item.passed);
  const item = failing.find((i) => i.findings.some((f) => f.schedule !== null));
  const shown = visibleText(relative(process.cwd(), file) || file);
  if (item === undefined) {
    io.err(failing.length === 0 ? 'spinlab: every item passed: no timeline page written\n' : `spinlab: no failing item has a schedule to replay (${failing.map((i) => i.id).join(', ')}): no timeline page written\n`);
    return;
  }
  const finding = item.findings.find((f) => f.schedule !== null)!;
  const page = await pageTimeline(setup, submission, finding.schedule!, result.exercise);
  if (page.timeline === undefined) {
    io.err(guardLines(`spinlab: no timeline page for ${item.id}: the replay of its schedule ${visibleText(page.failed)}\n`));
    return;
  }
  writeAtomic(file, renderTimelineHtml({ ...page.timeline, subject: `${item.id}: ${item.title}`, ...(finding.replay === null ? {} : { replay: finding.replay }) }));
  io.err(guardLines(`spinlab: wrote the timeline page of ${visibleText(item.id)} to ${shown}\n`));
  if (!open) return;
  const { opener, failed } = await openFile(file);
  io.err(guardLines(failed === null ? `spinlab: opening it with ${opener}\n` : `spinlab: could not open it (${visibleText(failed)}): open ${shown} in a browser\n`));
}
