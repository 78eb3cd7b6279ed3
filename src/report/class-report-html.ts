/**
 * report.html, the class report `spinlab batch` writes: the class in
 * figures, the items most lost, a table of every item's failure rate, the
 * score histogram, every submission not graded with its message, and the
 * slowest. One self-contained page: inline CSS, no script, nothing fetched,
 * readable in any browser (tables and text; the bars are CSS widths and
 * heights over numbers that are also printed). Every string a student could
 * have chosen (ids, messages) is escaped, and capped.
 */
import { capText, MESSAGE_CHARS } from '../text-cap.js';
import type { ClassFigures, HistogramBar, ItemFigures } from './class-figures.js';
import { mostLost } from './class-figures.js';
import { CLASS_REPORT_CSS } from './class-report-style.js';
import { xmlText as esc } from './sanitize.js';

/** How many of the most-lost items the page names above its table. */
const MOST_LOST = 3;

/** The page of a class's figures; `spinlab` is the version that graded it. */
export function renderClassReportHtml(figures: ClassFigures, spinlab: string): string {
  const s = figures.statuses;
  const notGraded = figures.students - s.graded;
  const most = mostLost(figures, MOST_LOST);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`spinlab class report · ${figures.exercise}`)}</title>
<style>${CLASS_REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(figures.exercise)} <span class="muted">· class report</span></h1>
<p class="muted">graded by spinlab ${esc(spinlab)} · per-student results are the <code>&lt;id&gt;.json</code> files beside this page; the figures per item are in <code>items.csv</code></p>
<div class="figures">
${figure('students', String(figures.students))}${figure('mean score', `${figures.mean} / ${figures.maxScore}`)}${figure('median', `${figures.median} / ${figures.maxScore}`)}${figure('full marks', String(figures.fullMarks))}${figure('not graded', String(notGraded))}
</div>
<nav><a href="#items">items</a><a href="#scores">scores</a><a href="#not-graded">not graded (${notGraded})</a><a href="#slowest">slowest</a></nav>
</header>
<main>
<section id="items">
<h2>Items, by how many students lost them</h2>
${most.length === 0 ? '<p>No student lost any item.</p>' : `<ul class="most">${most.map((item) => `<li><code>${esc(item.id)}</code> lost by <b>${item.lostPercent}%</b> (${item.lost} of ${item.students})</li>`).join('')}</ul>`}
<table class="items">
<colgroup><col style="width:19%"><col style="width:27%"><col style="width:7%"><col style="width:22%"><col style="width:14%"><col style="width:11%"></colgroup>
<thead><tr><th>item</th><th>title</th><th class="num">points</th><th>lost by</th><th class="num">lost, of graded</th><th class="num">mean points</th></tr></thead>
<tbody>
${figures.items.map(itemRow).join('\n')}
</tbody>
</table>
<p class="muted">An item is lost when a student got less than its full points; a submission that did not compile, crashed or timed out loses every item. “Of graded” counts only the submissions that ran.</p>
</section>
<section id="scores">
<h2>Scores</h2>
${histogramHtml(figures.histogram, figures.students)}
</section>
<section id="not-graded">
<h2>Not graded: did not compile, crashed, timed out, grader error</h2>
${
  figures.ungraded.length === 0
    ? '<p>Every submission was graded.</p>'
    : `<table class="ungraded"><colgroup><col style="width:24%"><col style="width:14%"><col style="width:62%"></colgroup>
<thead><tr><th>submission</th><th>status</th><th>why</th></tr></thead>
<tbody>
${figures.ungraded.map((u) => `<tr data-status="${esc(u.status)}"><td><code>${esc(u.submission)}</code></td><td class="status">${esc(u.status)}</td><td><pre>${esc(capText(u.message, MESSAGE_CHARS))}</pre></td></tr>`).join('\n')}
</tbody>
</table>`
}
</section>
<section id="slowest">
<h2>Slowest gradings</h2>
${
  figures.slowest.length === 0
    ? '<p>No submission.</p>'
    : `<table class="slowest"><colgroup><col style="width:60%"><col style="width:20%"><col style="width:20%"></colgroup>
<thead><tr><th>submission</th><th>status</th><th class="num">seconds</th></tr></thead>
<tbody>
${figures.slowest.map((t) => `<tr><td><code>${esc(t.submission)}</code></td><td class="status">${esc(t.status)}</td><td class="num">${(t.totalMs / 1000).toFixed(1)}</td></tr>`).join('\n')}
</tbody>
</table>`
}
</section>
</main>
</body>
</html>
`;
}

function figure(label: string, value: string): string {
  return `<div><b>${esc(value)}</b><span class="muted">${esc(label)}</span></div>`;
}

/** A row of the item table, its failure rate drawn as a bar beside the percentage. */
function itemRow(item: ItemFigures): string {
  const hidden = item.visibility === 'hidden' ? '<span class="hidden-item">hidden</span>' : '';
  return `<tr data-item="${esc(item.id)}" data-lost="${item.lost}"><td><code>${esc(item.id)}</code>${hidden}</td><td>${esc(item.title)}</td><td class="num">${item.maxPoints}</td><td><div class="rate"><span class="track"><span class="fill" style="width:${item.lostPercent}%"></span></span><span class="pct">${item.lostPercent}%</span></div><span class="muted">${item.lost} of ${item.students}</span></td><td class="num">${item.gradedLost} of ${item.graded}</td><td class="num">${item.meanPoints}</td></tr>`;
}

/** The histogram as bars whose heights are their share of the tallest, each with its count above and its score range below. */
function histogramHtml(bars: readonly HistogramBar[], students: number): string {
  if (students === 0) return '<p>No submission.</p>';
  const tallest = Math.max(1, ...bars.map((b) => b.count));
  const label = (b: HistogramBar, last: boolean): string => (b.from === b.to ? String(b.from) : `${b.from}–${b.to}${last ? '' : '⁻'}`);
  const cells = bars.map((b, i) => {
    const range = label(b, i === bars.length - 1);
    return `<div class="bar" data-score="${esc(range)}" data-count="${b.count}" title="${b.count} student${b.count === 1 ? '' : 's'} scored ${esc(range)}"><span class="count">${b.count}</span><span class="fill" style="height:${((100 * b.count) / tallest).toFixed(1)}%"></span></div>`;
  });
  return `<div class="histogram" role="img" aria-label="score histogram">${cells.join('')}</div>
<div class="axis">${bars.map((b, i) => `<span>${esc(label(b, i === bars.length - 1))}</span>`).join('')}</div>
<p class="muted">score${bars.some((b) => b.from !== b.to) ? ' (a range a–b⁻ holds a ≤ score &lt; b)' : ''} · students per bar</p>`;
}
