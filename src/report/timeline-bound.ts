/**
 * The timeline page within {@link MAX_REPORT_BYTES}, however long the run
 * and whatever the driver named: every string capped (a name at 200
 * characters, a source line at 1,000), and when the page is still too big,
 * only the events near each finding's steps are drawn — fewer and fewer —
 * the page saying how many it left out.
 */
import { MAX_REPORT_BYTES } from '../rubric/result-limits.js';
import { capText } from '../text-cap.js';
import { mapStrings } from './sanitize.js';
import { renderTimelinePage } from './timeline-html.js';
import type { Timeline } from './timeline.js';

/** Caps by property: sentences and commands are long, names short. */
const LONG = new Set(['message', 'label', 'rule', 'replay', 'submission', 'subject']);

/** What a page keeps when the whole run does not fit, tried in turn: the first `findings`, and the events within `near` of their steps. */
const LEVELS = [
  { findings: 500, near: 200 },
  { findings: 100, near: 50 },
  { findings: 30, near: 10 },
  { findings: 10, near: 0 },
];

/** The page of `timeline`, at most {@link MAX_REPORT_BYTES} but for a run with thousands of findings. */
export function renderTimelineHtml(timeline: Timeline): string {
  const capped = mapStrings(timeline, (text, key) => capText(text, key === 'source' ? 1_000 : key !== undefined && LONG.has(key) ? 4_000 : 200));
  let page = renderTimelinePage(capped);
  for (const level of LEVELS) {
    if (Buffer.byteLength(page, 'utf8') <= MAX_REPORT_BYTES) return page;
    page = renderTimelinePage(nearSteps(capped, level.findings, level.near));
  }
  return page;
}

/** `timeline` with only its first `kept` findings, and the events within `near` of their own or related steps. */
function nearSteps(timeline: Timeline, kept: number, near: number): Timeline {
  const findings = timeline.findings.slice(0, kept);
  const steps = new Set(findings.flatMap((f) => [f.seq, ...f.relatedSeqs.filter((s): s is number => s !== null)]));
  const keep = new Uint8Array(timeline.entries.length);
  timeline.entries.forEach((e, i) => {
    if (!steps.has(e.seq)) return;
    for (let j = Math.max(0, i - near); j <= Math.min(timeline.entries.length - 1, i + near); j++) keep[j] = 1;
  });
  const entries = timeline.entries.filter((_, i) => keep[i] === 1);
  return { ...timeline, entries, findings, omitted: { events: timeline.entries.length - entries.length, findings: timeline.findings.length - findings.length } };
}
