/**
 * Where a timeline row stands in the student's code: a held-at-return
 * finding's step is its routine's return (not the routine's last event before
 * it), and that row shows the return's line, which the trace does not carry.
 */
import type { SourcePlace, Timeline, TimelineFinding, TimelineRow } from './timeline.js';

/** A held-at-return finding's row: its routine's return on its CPU, at or after its step (the step itself is the routine's last event before it). */
export function returnRow(timeline: Timeline, f: TimelineFinding): number | undefined {
  if (f.finding.check !== 'held-at-return' || f.seq < 0) return undefined;
  const at = timeline.entries.findIndex((e) => e.seq >= f.seq && e.type === 'return' && e.routine === f.finding.routine && (f.finding.cpu === null || e.cpu === f.finding.cpu));
  return at === -1 ? undefined : at;
}

/** A row's student line: its own, or (a return has none) the line of the finding whose step it is. */
export function rowPlace(timeline: Timeline, row: Extract<TimelineRow, { kind: 'entry' }>): SourcePlace | undefined {
  if (row.entry.place !== undefined) return row.entry.place;
  const own = row.marks.find((m) => m.related === null);
  const location = own === undefined ? null : timeline.findings[own.finding - 1]!.finding.location;
  return location === null ? undefined : { file: location.file, line: location.line, source: timeline.findings[own!.finding - 1]!.finding.source };
}
