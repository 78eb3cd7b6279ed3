/**
 * `spinlab replay`'s timeline: the rows both renderings draw, and the text
 * one. One lane per CPU, one row per line of the trace that matters — kernel
 * calls with what they take, reads and writes of the fields the schedule's
 * findings are about, routine entries and returns, thread switches — with
 * runs of other accesses folded, IRQL and held locks where they change, the
 * student's line, and a mark on each finding's steps, explained in a legend.
 * The HTML page (`timeline-html.ts`) draws the same rows.
 */
import kleur from 'kleur';
import { APC_LEVEL, CLOCK_LEVEL, DISPATCH_LEVEL, HIGH_LEVEL, PASSIVE_LEVEL } from '../kernel/irql.js';
import type { TraceEntry } from '../machine/index.js';
import type { ResultFinding } from '../rubric/result.js';
import { guardLines, mapStrings, visibleText } from './sanitize.js';
import { PathSet } from './path-set.js';
import { returnRow, rowPlace } from './timeline-place.js';
import { clip, wrapText } from './text-wrap.js';

/** A line of the student's source. */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
  /** The line's text (untrusted: the student wrote it), when the source map has it. */
  readonly source: string | null;
}

/** A trace line with the student's place, where it has one. */
export interface TimelineEntry extends TraceEntry {
  readonly place?: SourcePlace;
}

/** A finding of the replayed schedule, with the event numbers of its steps. */
export interface TimelineFinding {
  readonly finding: ResultFinding;
  /** The event of the finding's own step (-1: none, e.g. an invariant decided at the end). */
  readonly seq: number;
  /** The events of `finding.related`, index for index (null: not in this schedule). */
  readonly relatedSeqs: readonly (number | null)[];
  /** For a finding that follows from another: the cause's number in the legend (it comes right after it). */
  readonly causeNumber?: number;
}

/** What both renderings draw. */
export interface Timeline {
  readonly exercise: string;
  /** The submission as the user named it. */
  readonly submission: string;
  /** The student's entry file, as places name it (`driver.ts`). */
  readonly entry: string | null;
  readonly schedule: string;
  /** What the page is about, when it is about one thing (a rubric item: `count-under-lock: Every access…`). */
  readonly subject?: string;
  /** The command that replays this schedule, when known. */
  readonly replay?: string;
  readonly cpus: number;
  readonly entries: readonly TimelineEntry[];
  /** In the order of the legend: finding `n` is `findings[n - 1]`. */
  readonly findings: readonly TimelineFinding[];
  /** What a page left out of `entries` and `findings` to stay within its size (it keeps the first findings, and the events near their steps). */
  readonly omitted?: { readonly events: number; readonly findings: number };
}

/** A finding's mark on a row. */
export interface TimelineMark {
  /** The finding's number in the legend (1-based). */
  readonly finding: number;
  /** Which of its related sites (0-based), or null for its own step. */
  readonly related: number | null;
}

/** A row: a trace line, or a run of folded ones (accesses to fields no finding is about). */
export type TimelineRow =
  | { readonly kind: 'entry'; readonly index: number; readonly entry: TimelineEntry; readonly marks: readonly TimelineMark[] }
  | { readonly kind: 'fold'; readonly count: number; readonly cpus: readonly number[] };

/** `1` for a finding's own step, `1'` for its first related site, `1''` for the second. */
export function markLabel(mark: TimelineMark): string {
  return `${mark.finding}${"'".repeat(mark.related === null ? 0 : mark.related + 1)}`;
}

/** An IRQL in a letter or two: P, A, D, D5 (device IRQL 5), C (clock), H (high). */
function irqlLetter(irql: number): string {
  if (irql === PASSIVE_LEVEL) return 'P';
  if (irql === APC_LEVEL) return 'A';
  if (irql === DISPATCH_LEVEL) return 'D';
  if (irql === CLOCK_LEVEL) return 'C';
  if (irql === HIGH_LEVEL) return 'H';
  return `D${irql}`;
}

/** What a row says happened, without its context: `KeAcquireSpinLock ext.Lock`, `W ext.Count`, `→ DispatchWrite`. */
export function eventText(entry: TraceEntry): string {
  const target = entry.target === undefined ? '' : ` ${entry.target}`;
  switch (entry.type) {
    case 'call':
      return `${entry.what}${target}`;
    case 'read':
      return `R${target}`;
    case 'write':
      return `W${target}`;
    case 'enter':
      return `→ ${entry.routine}${entry.contextKind === 'thread' ? '' : ` (${entry.contextKind.toUpperCase()})`}`;
    case 'return':
      return `← ${entry.routine}`;
    case 'switch':
      return `⇄ ${entry.context}`;
    default:
      return entry.what;
  }
}

/** The rows of a timeline: every line but runs of two or more accesses to fields no finding is about, which fold. */
export function timelineRows(timeline: Timeline): TimelineRow[] {
  const marks = marksByEntry(timeline);
  const targets = new PathSet(timeline.findings.flatMap((f) => (f.finding.target === undefined ? [] : [f.finding.target])));
  const locks = new PathSet(timeline.findings.flatMap((f) => (f.finding.lock === undefined ? [] : [f.finding.lock])));
  // A lock field's reads only fetch it for the call beside them; its writes (storing a new lock) matter.
  const shown = (e: TraceEntry): boolean =>
    (e.type !== 'read' && e.type !== 'write') || (e.target !== undefined && (targets.covers(e.target) || (e.type === 'write' && locks.covers(e.target))));
  const rows: TimelineRow[] = [];
  let run: number[] = [];
  const flush = (): void => {
    if (run.length === 1) rows.push({ kind: 'entry', index: run[0]!, entry: timeline.entries[run[0]!]!, marks: [] });
    else if (run.length > 1) rows.push({ kind: 'fold', count: run.length, cpus: [...new Set(run.map((i) => timeline.entries[i]!.cpu))].sort((a, b) => a - b) });
    run = [];
  };
  timeline.entries.forEach((entry, index) => {
    const here = marks.get(index) ?? [];
    if (here.length === 0 && !shown(entry)) {
      run.push(index);
      return;
    }
    flush();
    rows.push({ kind: 'entry', index, entry, marks: here });
  });
  flush();
  return rows;
}

/** Each finding's steps, by entry index: the line with the step's event number (a call or access first). */
function marksByEntry(timeline: Timeline): Map<number, TimelineMark[]> {
  const own = new Map<number, number>();
  const any = new Map<number, number>();
  timeline.entries.forEach((e, index) => {
    if (!any.has(e.seq)) any.set(e.seq, index);
    if ((e.type === 'call' || e.type === 'read' || e.type === 'write') && !own.has(e.seq)) own.set(e.seq, index);
  });
  const marks = new Map<number, TimelineMark[]>();
  const add = (seq: number | null, mark: TimelineMark): void => {
    const index = seq === null || seq < 0 ? undefined : (own.get(seq) ?? any.get(seq));
    if (index === undefined) return;
    // Each (finding, related) pair is added once, below.
    const list = marks.get(index) ?? [];
    list.push(mark);
    marks.set(index, list);
  };
  timeline.findings.forEach((f, i) => {
    const returned = returnRow(timeline, f);
    if (returned !== undefined) {
      marks.set(returned, [...(marks.get(returned) ?? []), { finding: i + 1, related: null }]);
    } else add(f.seq, { finding: i + 1, related: null });
    f.relatedSeqs.forEach((seq, r) => add(seq, { finding: i + 1, related: r }));
  });
  return marks;
}

/** The labels of the marks the rows carry (`1`, `1'`…): a finding's step missing from it is not on the timeline. */
export function markedSteps(rows: readonly TimelineRow[]): Set<string> {
  const seen = new Set<string>();
  for (const row of rows) if (row.kind === 'entry') for (const mark of row.marks) seen.add(markLabel(mark));
  return seen;
}

/** Options of the text timeline. */
export interface TimelineTextOptions {
  readonly color: boolean;
  /** The widest a line may be, in columns (default 100). */
  readonly width?: number;
}

const STEP = 5;
const NOTE = 19;
const MIN_CELL = 12;
const MAX_CELL = 28;
/** Lines a cell may take before it is cut with `…`. */
const CELL_LINES = 3;

/**
 * Renders the text timeline. Each lane is (width − 24) / cpus columns, 12 to
 * 28: up to 6 CPUs fit in 100 columns; with more, lanes keep 12 columns and
 * lines get wider (a terminal wraps them). Text too long for its lane wraps
 * onto up to three lines, breaking long names between words of their camel
 * case.
 */
export function renderTimeline(raw: Timeline, options: TimelineTextOptions): string {
  // Everything the student named is made visible once, here, on one line (the lanes are columns); spinlab's colors come after.
  const timeline = mapStrings(raw, (text) => visibleText(text).replace(/[\t\n]/g, ' '));
  const k = kleur;
  k.enabled = options.color;
  const width = options.width ?? 100;
  const n = Math.max(1, timeline.cpus);
  const cell = Math.min(MAX_CELL, Math.max(MIN_CELL, Math.floor((width - STEP - NOTE) / n)));
  const note = Math.max(NOTE, width - STEP - n * cell) - 1;
  const rows = timelineRows(timeline);
  const started: boolean[] = [];
  const holding: boolean[] = [];
  const irqlShown: string[] = [];
  const locksShown: string[] = [];
  const lane = (cpu: number): string => (started[cpu] !== true ? ' ' : holding[cpu] === true ? k.magenta('┃') : k.dim('│'));
  const out: string[] = [];
  const header = Array.from({ length: n }, (_, c) => ` CPU ${c}`.padEnd(cell)).join('');
  out.push(k.bold(`${'step'.padEnd(STEP)}${header} ${clip(timeline.entry ?? '', note)}`));
  out.push(k.dim('─'.repeat(STEP + n * cell + 1 + note)));
  let lastStep = -1;
  for (const row of rows) {
    if (row.kind === 'fold') {
      // One CPU's run stays in its lane; a run across CPUs spans from the first one's.
      const alone = row.cpus.length === 1;
      const text = `… ${row.count} accesses${alone ? '' : ` on CPUs ${row.cpus.join(', ')}`} …`;
      const first = row.cpus[0] ?? 0;
      const room = alone ? cell - 2 : (n - first) * cell - 2;
      const cells = Array.from({ length: n }, (_, c) => (c === first ? `${lane(c)} ${k.dim(clip(text, room).padEnd(room))}` : c > first && !alone ? '' : `${lane(c)}${' '.repeat(cell - 1)}`));
      out.push(`${' '.repeat(STEP)}${cells.join('')}`.trimEnd());
      continue;
    }
    const e = row.entry;
    const tokens: string[] = [];
    const letter = irqlLetter(e.irql);
    if (irqlShown[e.cpu] !== letter) tokens.push(letter);
    irqlShown[e.cpu] = letter;
    const held = e.locks.join(' ');
    if (locksShown[e.cpu] !== held && !(locksShown[e.cpu] === undefined && held === '')) tokens.push(`[${held}]`);
    locksShown[e.cpu] = held;
    started[e.cpu] = true;
    holding[e.cpu] = e.locks.length > 0;
    // A change of IRQL or locks leads the event, or takes a line of its own when both do not fit.
    const event = eventText(e);
    const state = tokens.join(' ');
    const apart = state !== '' && `${state} ${event}`.length > cell - 2;
    const lines = apart ? [...wrapText(state, cell - 2, 1), ...wrapText(event, cell - 2, CELL_LINES, 2)] : wrapText(state === '' ? event : `${state} ${event}`, cell - 2, CELL_LINES, 2);
    const noteAt = apart ? 1 : 0;
    const own = row.marks.some((m) => m.related === null);
    const paint = own ? k.red().bold : row.marks.length > 0 ? k.yellow : e.type === 'call' ? k.cyan : e.type === 'read' || e.type === 'write' ? (s: string) => s : k.dim;
    const noteText = noteFor(timeline, row, note);
    lines.forEach((line, i) => {
      const step = i === 0 && e.step !== lastStep ? String(e.step).padStart(STEP - 1) : '';
      const cells = Array.from({ length: n }, (_, c) => `${lane(c)} ${c === e.cpu ? paint(line.padEnd(cell - 2)) : ' '.repeat(cell - 2)}`);
      const tail = i === noteAt && noteText !== '' ? ` ${row.marks.length === 0 ? k.dim(noteText) : own ? k.red().bold(noteText) : k.yellow(noteText)}` : '';
      out.push(`${k.dim(step.padEnd(STEP))}${cells.join('')}${tail}`.trimEnd());
    });
    lastStep = e.step;
  }
  out.push('', ...legend(timeline, rows, width).map((line) => (line.startsWith('◀') ? k.bold(line) : line)));
  return guardLines(`${out.join('\n')}\n`);
}

/** The row's note: the student's line (`62`, or `util.ts:12` outside the entry file) and its marks. */
function noteFor(timeline: Timeline, row: Extract<TimelineRow, { kind: 'entry' }>, width: number): string {
  const place = rowPlace(timeline, row);
  const where = place === undefined ? '' : place.file === timeline.entry ? String(place.line) : `${place.file}:${place.line}`;
  if (row.marks.length === 0) return clip(where, width);
  const labels = row.marks.map(markLabel).join(' ');
  const named = row.marks.length === 1 && row.marks[0]!.related === null ? `◀ ${timeline.findings[row.marks[0]!.finding - 1]!.finding.check} ${labels}` : `◀ ${labels}`;
  for (const marks of [named, `◀ ${labels}`]) {
    const text = where === '' ? marks : `${where} ${marks}`;
    if (text.length <= width) return text;
  }
  return `${clip(where, Math.max(0, width - labels.length - 3))} ◀ ${labels}`.trim();
}

/** The key to the letters and marks, and each finding with its steps. */
function legend(timeline: Timeline, rows: readonly TimelineRow[], width: number): string[] {
  const lines = [
    ...wrapText('IRQL, shown where it changes: P passive, A APC, D dispatch, Dn device IRQL n, C clock, H high. [locks] held, shown where they change; ┃ while a lock is held.', width),
    ...wrapText('R read, W write, → routine entered, ← returned, ⇄ thread switched in. Accesses to fields no finding is about are folded.', width),
    '',
  ];
  if (timeline.findings.length === 0) return [...lines, 'No findings in this schedule.'];
  lines.push(`${timeline.findings.length} finding${timeline.findings.length === 1 ? '' : 's'} in this schedule:`);
  const marked = markedSteps(rows);
  timeline.findings.forEach((tf, i) => {
    const f = tf.finding;
    const own = { finding: i + 1, related: null };
    const at = f.location === null ? '' : `  ${f.location.file}:${f.location.line}`;
    const onIt = marked.has(markLabel(own)) ? '' : '  (not a step of the timeline)';
    lines.push('', ...wrapText(`◀ ${i + 1}  ${f.check}${f.target === undefined ? '' : ` ${f.target}`}${at}  ${sideLabel(f.routine, f.cpu)}${onIt}`, width));
    if (tf.causeNumber !== undefined) lines.push(`    ↳ follows from ◀ ${tf.causeNumber}`);
    lines.push(...wrapText(f.message, width - 4).map((line) => `    ${line}`));
    f.related.forEach((r, ri) => {
      const label = markLabel({ finding: i + 1, related: ri });
      const rAt = r.location === null ? '' : `  ${r.location.file}:${r.location.line}`;
      const rOn = marked.has(label) ? '' : '  (not on this timeline)';
      lines.push(...wrapText(`  ${label}  ${r.label}${rAt}  ${sideLabel(r.routine, r.cpu)}${rOn}`, width - 2).map((line, li) => (li === 0 ? `  ${line}` : `      ${line}`)));
    });
  });
  return lines;
}

/** `DispatchWrite on CPU 2`. */
export function sideLabel(routine: string | null, cpu: number | null): string {
  return [routine === null ? null : routine, cpu === null ? null : `CPU ${cpu}`].filter((p) => p !== null).join(' on ');
}
