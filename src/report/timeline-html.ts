/**
 * The timeline as one self-contained HTML page (`spinlab replay --html`,
 * `spinlab grade --html`): a lane per CPU with its IRQL as a background band
 * and each held spin lock as a bar, the same rows as the text timeline, each
 * finding's steps marked and labelled (a data race's two accesses joined by a
 * line), and the student's source line beside each step. Inline CSS and SVG,
 * no script, nothing fetched. Everything that came from the student is
 * escaped.
 */
import { irqlName } from '../kernel/irql.js';
import { holdingText } from './items.js';
import { xmlText as esc } from './sanitize.js';
import { PAGE_CSS } from './timeline-html-style.js';
import { eventText, markLabel, markedSteps, sideLabel, timelineRows, type Timeline, type TimelineMark, type TimelineRow } from './timeline.js';

const ROW = 28;
const FOLD = 18;
const STEPS = 52;
const GAP = 10;
const SOURCE = 420;
/** The strip at a lane's right edge that names its IRQL band. */
const STRIP = 16;
const BAR = 14;
const BADGE = 24;
/** The locks an event's tooltip names; the rest are counted. */
const TITLE_LOCKS = 8;
/** Finding colors, by number (cycled). */
const COLORS = ['#d1242f', '#bc4c00', '#8250df', '#0969da', '#1a7f37', '#bf3989'];

const color = (finding: number): string => COLORS[(finding - 1) % COLORS.length]!;

/** Where each row sits, top to bottom, and where each entry's row is. */
interface Layout {
  readonly tops: number[];
  readonly heights: number[];
  /** The row of each entry (a folded one: its fold's). */
  readonly rowOf: number[];
  readonly height: number;
}

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

/** A bar of a lock held by one context, in a slot of its lane: from its acquire to its release. */
interface Span {
  readonly cpu: number;
  readonly lock: string;
  readonly context: string;
  readonly slot: number;
  readonly top: number;
  /** Where the context stops spinning and holds it (the acquire's row was not its last before). */
  readonly held: number;
  bottom: number;
}

/** Each lock's spans: from the call that acquired it (else the first row that holds it) to the last row that holds it. */
function lockSpans(timeline: Timeline, at: Layout): Span[] {
  const spans: Span[] = [];
  const open = new Map<string, Span>();
  const busy: boolean[][] = Array.from({ length: timeline.cpus }, () => []);
  const lastCall = new Map<string, { target: string | undefined; top: number; bottom: number }>();
  timeline.entries.forEach((e, i) => {
    const r = at.rowOf[i]!;
    const top = at.tops[r]!;
    const bottom = top + at.heights[r]!;
    const held = new Set(e.locks);
    for (const [key, span] of open) {
      if (span.context !== e.context || held.has(span.lock)) continue;
      open.delete(key);
      busy[span.cpu]![span.slot] = false;
    }
    for (const lock of e.locks) {
      const key = `${e.context}\u0000${lock}`;
      const openSpan = open.get(key);
      if (openSpan !== undefined) {
        openSpan.bottom = bottom;
        continue;
      }
      const slots = busy[e.cpu]!;
      const slot = slots.indexOf(false) === -1 ? slots.length : slots.indexOf(false);
      slots[slot] = true;
      const call = lastCall.get(e.context);
      const acquired = call !== undefined && call.target === lock;
      const start = acquired ? call.top : top;
      const span: Span = { cpu: e.cpu, lock, context: e.context, slot, top: start, held: acquired && call.bottom < top ? top : start, bottom };
      open.set(key, span);
      spans.push(span);
    }
    if (e.type === 'call') lastCall.set(e.context, { target: e.target, top, bottom });
  });
  return spans;
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

/** Renders the page, as it is (`timeline-bound.ts` keeps it within the size bound). */
export function renderTimelinePage(timeline: Timeline): string {
  const n = Math.max(1, timeline.cpus);
  const lane = Math.max(150, Math.min(260, Math.floor(1040 / n)));
  const laneLeft = (cpu: number): number => STEPS + cpu * (lane + GAP);
  const sourceLeft = STEPS + n * (lane + GAP) + GAP;
  const width = sourceLeft + SOURCE;
  const rows = timelineRows(timeline);
  const at = layout(rows, timeline.entries.length);
  const spans = lockSpans(timeline, at);
  const slots = Array.from({ length: n }, (_, c) => Math.max(0, ...spans.filter((s) => s.cpu === c).map((s) => s.slot + 1)));
  const gutter = (cpu: number): number => 6 + slots[cpu]! * (BAR + 3);
  const badgeX = (cpu: number, i: number): number => laneLeft(cpu) + lane - STRIP - 6 - BADGE / 2 - i * (BADGE + 3);
  const lanes: string[][] = Array.from({ length: n }, () => []);
  const side: string[] = [];
  const steps: string[] = [];
  /** Where each mark's badge is, by label. */
  const badges = new Map<string, { x: number; y: number }>();

  for (const band of irqlBands(timeline, at)) {
    const level = band.irql <= 2 ? ['passive', 'apc', 'dispatch'][band.irql]! : 'device';
    const name = irqlName(band.irql);
    lanes[band.cpu]?.push(
      `<div class="irql-band irql-${level}" data-irql="${band.irql}" style="top:${band.top}px;height:${band.bottom - band.top}px" title="${esc(name)}"><span>${band.bottom - band.top >= 90 ? esc(name) : ''}</span></div>`,
    );
  }
  for (const span of spans) {
    lanes[span.cpu]?.push(
      `<div class="lock-span" data-lock="${esc(span.lock)}" data-context="${esc(span.context)}" style="top:${span.top + 2}px;height:${span.bottom - span.top - 4}px;left:${6 + span.slot * (BAR + 3)}px" title="${esc(`${span.context} holds ${span.lock}`)}">${span.held > span.top ? `<i class="lock-wait" style="height:${span.held - span.top}px" title="${esc(`${span.context} spins for ${span.lock}`)}"></i>` : ''}<span>${esc(span.lock)}</span></div>`,
    );
  }
  let lastStep = -1;
  rows.forEach((row, r) => {
    const top = at.tops[r]!;
    if (row.kind === 'fold') {
      const first = row.cpus[0] ?? 0;
      const span = row.cpus.length === 1 ? lane : (n - first) * (lane + GAP) - GAP;
      steps.push(
        `<div class="fold" style="top:${top}px;left:${laneLeft(first) + gutter(first)}px;width:${span - gutter(first) - STRIP}px">… ${row.count} accesses to other fields${row.cpus.length === 1 ? '' : ` on CPUs ${row.cpus.join(', ')}`}</div>`,
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
      `<div class="event ${e.type}${own === undefined ? '' : ' mark'}"${markAttrs} style="top:${top}px${own === undefined ? '' : `;--mark:${color(own.finding)}`}" title="${esc(title)}"><span class="text" style="margin-left:${gutter(e.cpu)}px;max-width:${lane - gutter(e.cpu) - STRIP - 10 - marks.length * (BADGE + 3)}px">${eventHtml(e)}</span>${marks.join('')}</div>`,
    );
    row.marks.forEach((m, i) => badges.set(markLabel(m), { x: badgeX(e.cpu, i), y: top + ROW / 2 }));
    if (e.place !== undefined) {
      const where = `${e.place.file}:${e.place.line}`;
      const labels = row.marks.map((m) => `<span class="tag${m.related === null ? '' : ' related'}" style="--mark:${color(m.finding)}">${esc(primeLabel(m))}</span>`).join('');
      side.push(
        `<div class="src${row.marks.length > 0 ? ' marked' : ''}" style="top:${top}px${own === undefined ? '' : `;--mark:${color(own.finding)}`}"><span class="where">${esc(where)}</span>${labels}<code>${esc((e.place.source ?? '').trim())}</code></div>`,
      );
    }
  });

  const links: string[] = [];
  timeline.findings.forEach((tf, i) => {
    const from = badges.get(markLabel({ finding: i + 1, related: null }));
    tf.relatedSeqs.forEach((_, r) => {
      const to = badges.get(markLabel({ finding: i + 1, related: r }));
      if (from === undefined || to === undefined) return;
      const kind = tf.finding.check === 'data-race' ? 'race' : 'link';
      links.push(`<line class="${kind}" data-finding="${i + 1}" x1="${from.x}" y1="${from.y}" x2="${to.x}" y2="${to.y}" stroke="${color(i + 1)}"/>`);
    });
  });

  const contexts = Array.from({ length: n }, (_, c) => [...new Set(timeline.entries.filter((e) => e.cpu === c).map((e) => e.context))]);
  const heads = contexts
    .map((names, c) => `<div class="head" style="left:${laneLeft(c)}px;width:${lane}px"><b>CPU ${c}</b><span>${esc(names.join(' · ') || 'idle')}</span></div>`)
    .join('');
  const board = [
    `<div class="heads" style="width:${width}px"><div class="head" style="left:0;width:${STEPS}px"><b>step</b></div>${heads}<div class="head" style="left:${sourceLeft}px;width:${SOURCE}px"><b>your code</b><span>${esc(timeline.entry ?? '')}</span></div></div>`,
    `<div class="board" style="width:${width}px;height:${at.height}px">`,
    ...lanes.map((items, c) => `<section class="lane" data-cpu="${c}" style="left:${laneLeft(c)}px;width:${lane}px">${items.join('')}</section>`),
    `<svg class="links" width="${width}" height="${at.height}" viewBox="0 0 ${width} ${at.height}" aria-hidden="true">${links.join('')}</svg>`,
    ...steps,
    `<div class="source" style="left:${sourceLeft}px;width:${SOURCE}px">${side.join('')}</div>`,
    '</div>',
  ];
  return page(timeline, rows, board.join('\n'), width);
}

/** The id of a mark's badge, which the legend links to (`mark-1`, `mark-1-0` for its first related site). */
function anchor(mark: TimelineMark): string {
  return mark.related === null ? `mark-${mark.finding}` : `mark-${mark.finding}-${mark.related}`;
}

/** A mark's label as a page shows it, with primes: `1′`. */
function primeLabel(mark: TimelineMark): string {
  return markLabel(mark).replace(/'/g, '′');
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

/** The submission's entry file as the user would name it: `exercises/01-initialize-lock/driver.ts`. */
function fileOf(timeline: Timeline): string {
  let end = timeline.submission.length;
  while (end > 0 && timeline.submission[end - 1] === '/') end--;
  const submission = timeline.submission.slice(0, end);
  return timeline.entry === null || submission.endsWith(timeline.entry) ? submission : `${submission}/${timeline.entry}`;
}

/** The whole document: title, findings, key, then the board. */
function page(timeline: Timeline, rows: readonly TimelineRow[], board: string, width: number): string {
  const marked = markedSteps(rows);
  const findings = timeline.findings.map((tf, i) => {
    const f = tf.finding;
    const label = String(i + 1);
    const where = f.location === null ? '' : `${f.location.file}:${f.location.line}:${f.location.column}`;
    const related = f.related
      .map((r, ri) => {
        const mark: TimelineMark = { finding: i + 1, related: ri };
        const at = r.location === null ? '' : `${r.location.file}:${r.location.line}`;
        return `<li><span class="tag related" style="--mark:${color(i + 1)}">${esc(primeLabel(mark))}</span> ${esc(r.label)} <span class="where">${esc(at)}</span> <span class="muted">${esc(sideLabel(r.routine, r.cpu) + holdingText(r.locks))}</span>${marked.has(markLabel(mark)) ? ` <a class="jump" href="#${anchor(mark)}">↓</a>` : ' <span class="muted">(not on this timeline)</span>'}${r.source === null ? '' : `<pre>${esc(r.source.trim())}</pre>`}</li>`;
      })
      .join('');
    return `<article class="finding" id="finding-${label}" data-finding="${label}" style="--mark:${color(i + 1)}">
<h3><span class="tag">${label}</span> ${esc(f.check)}${f.target === undefined ? '' : ` <code>${esc(f.target)}</code>`}${f.lock === undefined || f.lock === f.target ? '' : ` <code>${esc(f.lock)}</code>`}</h3>
<p class="rule">${esc(f.rule)}</p>
<p class="where">${esc(where)} <span class="muted">${esc(sideLabel(f.routine, f.cpu))}${f.irql === null ? '' : ` · ${esc(irqlName(f.irql))}`}</span>${marked.has(label) ? ` <a class="jump" href="#${anchor({ finding: i + 1, related: null })}">its step ↓</a>` : ' <span class="muted">(decided at the end: no step of its own)</span>'}</p>
${f.source === null ? '' : `<pre>${esc(f.source.trim())}</pre>`}
<p>${esc(f.message)}</p>
${related === '' ? '' : `<ul>${related}</ul>`}
</article>`;
  });
  const title = `${timeline.exercise} · ${fileOf(timeline)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`spinlab replay · ${title}`)}</title>
<style>${PAGE_CSS}</style>
</head>
<body style="min-width:${width + 48}px">
<header>
<h1>${esc(timeline.exercise)} <span class="muted">·</span> <code>${esc(fileOf(timeline))}</code></h1>
${timeline.subject === undefined ? '' : `<h2>${esc(timeline.subject)}</h2>`}
<p class="muted">schedule <code class="code">${esc(timeline.schedule)}</code> · ${timeline.cpus} CPUs · ${timeline.entries.length} events · ${timeline.findings.length === 0 ? 'no findings' : `${timeline.findings.length} finding${timeline.findings.length === 1 ? '' : 's'}`}</p>
${timeline.omitted === undefined ? '' : `<p class="muted">left out to keep this page under 1 MB: ${timeline.omitted.events} events and ${timeline.omitted.findings} findings (spinlab replay prints them all)</p>`}
${timeline.replay === undefined ? '' : `<p class="muted">replay it: <code>${esc(timeline.replay)}</code></p>`}
</header>
<section class="findings">${findings.join('\n') || '<p>No findings in this schedule.</p>'}</section>
<section class="key">
<span class="swatch irql-passive"></span>PASSIVE_LEVEL <span class="swatch irql-apc"></span>APC_LEVEL <span class="swatch irql-dispatch"></span>DISPATCH_LEVEL <span class="swatch irql-device"></span>device IRQL
<span class="swatch lock"></span>a spin lock, from its acquire to its release <span class="swatch lock wait"></span>spinning for it <span class="tag" style="--mark:${COLORS[0]}">1</span> a finding's step <span class="tag related" style="--mark:${COLORS[0]}">1′</span> its other side (a race's two accesses are joined by a line)
<span class="muted">R read · W write · → entered · ← returned · ⇄ switched in · accesses to fields no finding is about are folded</span>
</section>
<main>
${board}
</main>
</body>
</html>
`;
}
