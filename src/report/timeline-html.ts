/**
 * The timeline as one self-contained HTML page (`spinlab replay --html`,
 * `spinlab grade --html`, `spinlab check --html`): a lane per CPU with its
 * IRQL as a background band and each holding of a spin lock as a bar (a CPU
 * spinning for one, hatched), the same rows as the text timeline, each
 * finding's steps marked and labelled (a data race's two accesses joined by a
 * line), and the student's source line beside each step. The columns share
 * the window's width (CSS calc, no script), so four CPUs and the source fit
 * in 1280 pixels; nothing is fetched; everything from the student is escaped.
 */
import { irqlName } from '../kernel/irql.js';
import { xmlText as esc } from './sanitize.js';
import { anchor, color, primeLabel, timelineDocument } from './timeline-html-document.js';
import { lockSpans, type Layout } from './timeline-html-spans.js';
import { rowPlace } from './timeline-place.js';
import { eventText, markLabel, timelineRows, type Timeline, type TimelineMark, type TimelineRow } from './timeline.js';

const ROW = 28;
const FOLD = 18;
/** The step column, the gap between columns, the narrowest lane and source column (px); the page's padding. */
const STEPS = 44;
const GAP = 8;
const MIN_LANE = 150;
const MIN_SOURCE = 260;
const PADDING = 48;
/** The strip at a lane's right edge that names its IRQL band. */
const STRIP = 16;
const BAR = 14;
const BADGE = 24;
/** The locks an event's tooltip names; the rest are counted. */
const TITLE_LOCKS = 8;

/** CSS for the left edge of CPU `cpu`'s lane, plus `px` (the columns are sized by `--lane` in the style). */
const laneX = (cpu: number, px = 0): string => `calc(var(--steps) + ${cpu} * (var(--lane) + var(--gap))${px === 0 ? '' : ` + ${px}px`})`;

function layout(rows: readonly TimelineRow[], entries: number): Layout {
  const tops: number[] = [];
  const heights: number[] = [];
  const rowOf: number[] = new Array<number>(entries).fill(0);
  let y = 0;
  let next = 0;
  rows.forEach((row, r) => {
    tops.push(y);
    heights.push(row.kind === 'fold' ? FOLD : ROW);
    y += heights[r]!;
    const last = row.kind === 'fold' ? next + row.count - 1 : row.index;
    for (; next <= last; next++) rowOf[next] = r;
  });
  return { tops, heights, rowOf, height: Math.max(y, ROW) };
}

/** Each CPU's IRQL bands: runs of rows at one IRQL, from the CPU's first line to the end. */
function irqlBands(timeline: Timeline, at: Layout): { cpu: number; irql: number; top: number; bottom: number }[] {
  const bands: { cpu: number; irql: number; top: number; bottom: number }[] = [];
  const current: ({ cpu: number; irql: number; top: number; bottom: number } | undefined)[] = [];
  timeline.entries.forEach((e, i) => {
    const band = current[e.cpu];
    if (band !== undefined && band.irql === e.irql) return;
    const top = at.tops[at.rowOf[i]!]!;
    if (band !== undefined) band.bottom = top;
    const next = { cpu: e.cpu, irql: e.irql, top, bottom: at.height };
    current[e.cpu] = next;
    bands.push(next);
  });
  return bands.filter((b) => b.bottom > b.top);
}

/** Where a badge's center is: its lane, its place in the row's badges, its row's middle. */
interface BadgeAt {
  readonly cpu: number;
  readonly i: number;
  readonly y: number;
}

/** A badge's center from its lane's left edge, less the lane's width (px). */
const badgeInset = (i: number): number => STRIP + 6 + BADGE / 2 + i * (BADGE + 3);

/** The line joining two badges: an SVG box from one to the other, its line corner to corner. */
function link(kind: string, finding: number, a: BadgeAt, b: BadgeAt): string {
  const [left, right] = a.cpu < b.cpu || (a.cpu === b.cpu && a.i >= b.i) ? [a, b] : [b, a];
  const top = Math.min(a.y, b.y);
  const height = Math.max(1, Math.abs(a.y - b.y));
  const dx = badgeInset(left.i) - badgeInset(right.i);
  const width = `max(1px, calc(${right.cpu - left.cpu} * (var(--lane) + var(--gap)) + ${dx}px))`;
  const downward = left.y <= right.y;
  return `<svg class="link" style="left:calc(${laneX(left.cpu)} + var(--lane) - ${badgeInset(left.i)}px);top:${top}px;width:${width};height:${height}px" aria-hidden="true"><line class="${kind}" data-finding="${finding}" x1="0" y1="${downward ? 0 : '100%'}" x2="100%" y2="${downward ? '100%' : 0}" stroke="${color(finding)}"/></svg>`;
}

/** Renders the page, as it is (`timeline-bound.ts` keeps it within the size bound). */
export function renderTimelinePage(timeline: Timeline): string {
  const n = Math.max(1, timeline.cpus);
  const rows = timelineRows(timeline);
  const at = layout(rows, timeline.entries.length);
  const spans = lockSpans(timeline.entries, at, n);
  const slots = Array.from({ length: n }, (_, c) => Math.max(0, ...spans.filter((s) => s.cpu === c).map((s) => s.slot + 1)));
  const gutter = (cpu: number): number => 6 + slots[cpu]! * (BAR + 3);
  const lanes: string[][] = Array.from({ length: n }, () => []);
  const side: string[] = [];
  const steps: string[] = [];
  /** Where each mark's badge is, by label. */
  const badges = new Map<string, BadgeAt>();

  for (const band of irqlBands(timeline, at)) {
    const level = band.irql <= 2 ? ['passive', 'apc', 'dispatch'][band.irql]! : 'device';
    const name = irqlName(band.irql);
    lanes[band.cpu]?.push(
      `<div class="irql-band irql-${level}" data-irql="${band.irql}" style="top:${band.top}px;height:${band.bottom - band.top}px" title="${esc(name)}"><span>${band.bottom - band.top >= 90 ? esc(name) : ''}</span></div>`,
    );
  }
  for (const span of spans) {
    const spinning = span.held >= span.bottom;
    const what = spinning ? `${span.context} spins for ${span.lock}${span.toSeq === null ? ' to the end' : ''}` : `${span.context} holds ${span.lock}${span.toSeq === null ? ' to the end' : ''}`;
    const wait = span.held > span.top ? `<i class="lock-wait" style="height:${span.held - span.top}px" title="${esc(`${span.context} spins for ${span.lock}`)}"></i>` : '';
    lanes[span.cpu]?.push(
      `<div class="lock-span${spinning ? ' spin' : ''}" data-lock="${esc(span.lock)}" data-context="${esc(span.context)}" data-from="${span.fromSeq}" data-to="${span.toSeq ?? 'end'}" style="top:${span.top + 2}px;height:${span.bottom - span.top - 4}px;left:${6 + span.slot * (BAR + 3)}px" title="${esc(what)}">${wait}<span>${esc(span.lock)}</span></div>`,
    );
  }
  let lastStep = -1;
  rows.forEach((row, r) => {
    const top = at.tops[r]!;
    if (row.kind === 'fold') {
      const first = row.cpus[0] ?? 0;
      const across = row.cpus.length === 1 ? 'var(--lane)' : `(${n - first} * (var(--lane) + var(--gap)) - var(--gap))`;
      steps.push(
        `<div class="fold" style="top:${top}px;left:${laneX(first, gutter(first))};width:calc(${across} - ${gutter(first) + STRIP}px)">… ${row.count} accesses to other fields${row.cpus.length === 1 ? '' : ` on CPUs ${row.cpus.join(', ')}`}</div>`,
      );
      return;
    }
    const e = row.entry;
    if (e.step !== lastStep) steps.push(`<div class="step" style="top:${top}px">${e.step}</div>`);
    lastStep = e.step;
    const marks = row.marks.map((m, i) => badge(m, i));
    const locks = e.locks.length === 0 ? 'no lock' : `holding ${e.locks.slice(0, TITLE_LOCKS).join(', ')}${e.locks.length > TITLE_LOCKS ? ` and ${e.locks.length - TITLE_LOCKS} more` : ''}`;
    const title = `step ${e.step} · ${e.context} (${e.contextKind}) in ${e.routine} · ${irqlName(e.irql)} · ${locks}`;
    const own = row.marks.find((m) => m.related === null) ?? row.marks[0];
    const markAttrs = own === undefined ? '' : ` data-finding="${own.finding}" data-mark="${esc(row.marks.map(markLabel).join(' '))}"`;
    lanes[e.cpu]?.push(
      `<div class="event ${e.type}${own === undefined ? '' : ' mark'}"${markAttrs} data-seq="${e.seq}" style="top:${top}px${own === undefined ? '' : `;--mark:${color(own.finding)}`}" title="${esc(title)}"><span class="text" style="margin-left:${gutter(e.cpu)}px;max-width:calc(100% - ${gutter(e.cpu) + STRIP + 10 + marks.length * (BADGE + 3)}px)">${eventHtml(e)}</span>${marks.join('')}</div>`,
    );
    row.marks.forEach((m, i) => badges.set(markLabel(m), { cpu: e.cpu, i, y: top + ROW / 2 }));
    const place = rowPlace(timeline, row);
    if (place !== undefined) {
      const labels = row.marks.map((m) => `<span class="tag${m.related === null ? '' : ' related'}" style="--mark:${color(m.finding)}">${esc(primeLabel(m))}</span>`).join('');
      side.push(
        `<div class="src${row.marks.length > 0 ? ' marked' : ''}" style="top:${top}px${own === undefined ? '' : `;--mark:${color(own.finding)}`}"><span class="where">${esc(`${place.file}:${place.line}`)}</span>${labels}<code>${esc((place.source ?? '').trim())}</code></div>`,
      );
    }
  });

  const links: string[] = [];
  timeline.findings.forEach((tf, i) => {
    const from = badges.get(markLabel({ finding: i + 1, related: null }));
    tf.relatedSeqs.forEach((_, r) => {
      const to = badges.get(markLabel({ finding: i + 1, related: r }));
      if (from !== undefined && to !== undefined) links.push(link(tf.finding.check === 'data-race' ? 'race' : 'link', i + 1, from, to));
    });
  });

  const contexts = Array.from({ length: n }, (_, c) => [...new Set(timeline.entries.filter((e) => e.cpu === c).map((e) => e.context))]);
  const heads = contexts.map((names, c) => `<div class="head" style="left:${laneX(c)};width:var(--lane)"><b>CPU ${c}</b><span>${esc(names.join(' · ') || 'idle')}</span></div>`).join('');
  const minWidth = STEPS + MIN_SOURCE + (n + 1) * GAP + n * MIN_LANE;
  const columns = `--n:${n};--steps:${STEPS}px;--gap:${GAP}px;min-width:${minWidth}px`;
  const board = [
    `<div class="heads" style="${columns}"><div class="head" style="left:0;width:var(--steps)"><b>step</b></div>${heads}<div class="head source-head"><b>your code</b><span>${esc(timeline.entry ?? '')}</span></div></div>`,
    `<div class="board" style="${columns};height:${at.height}px">`,
    ...lanes.map((items, c) => `<section class="lane" data-cpu="${c}" style="left:${laneX(c)};width:var(--lane)">${items.join('')}</section>`),
    ...links,
    ...steps,
    `<div class="source">${side.join('')}</div>`,
    '</div>',
  ];
  return timelineDocument(timeline, rows, board.join('\n'), minWidth + PADDING);
}

/** A mark's badge, linking to its finding in the legend. */
function badge(mark: TimelineMark, i: number): string {
  return `<a class="badge${mark.related === null ? '' : ' related'}" id="${anchor(mark)}" href="#finding-${mark.finding}" style="--mark:${color(mark.finding)};right:${STRIP + 6 + i * (BADGE + 3)}px">${esc(primeLabel(mark))}</a>`;
}

/** A row's event: the kernel routine or access, its target set apart. */
function eventHtml(e: Timeline['entries'][number]): string {
  const text = eventText(e);
  if (e.target === undefined || !text.endsWith(e.target)) return esc(text);
  return `${esc(text.slice(0, text.length - e.target.length))}<span class="arg">${esc(e.target)}</span>`;
}
