/**
 * The timeline page's document around its board: title, the findings as
 * cards (each linking to its step), the key. Everything that came from the
 * student is escaped.
 */
import { irqlName } from '../kernel/irql.js';
import { holdingText } from './items.js';
import { xmlText as esc } from './sanitize.js';
import { PAGE_CSS } from './timeline-html-style.js';
import { markLabel, markedSteps, sideLabel, type Timeline, type TimelineMark, type TimelineRow } from './timeline.js';

/** Finding colors, by number (cycled). */
const COLORS = ['#d1242f', '#bc4c00', '#8250df', '#0969da', '#1a7f37', '#bf3989'];

/** Finding `finding`'s color. */
export const color = (finding: number): string => COLORS[(finding - 1) % COLORS.length]!;

/** The id of a mark's badge, which the legend links to (`mark-1`, `mark-1-0` for its first related site). */
export function anchor(mark: TimelineMark): string {
  return mark.related === null ? `mark-${mark.finding}` : `mark-${mark.finding}-${mark.related}`;
}

/** A mark's label as a page shows it, with primes: `1′`. */
export function primeLabel(mark: TimelineMark): string {
  return markLabel(mark).replace(/'/g, '′');
}

/** The submission's entry file as the user would name it: `exercises/01-initialize-lock/driver.ts`. */
function fileOf(timeline: Timeline): string {
  let end = timeline.submission.length;
  while (end > 0 && timeline.submission[end - 1] === '/') end--;
  const submission = timeline.submission.slice(0, end);
  return timeline.entry === null || submission.endsWith(timeline.entry) ? submission : `${submission}/${timeline.entry}`;
}

/** The whole document: title, findings, key, then the board; `minWidth` keeps every lane readable. */
export function timelineDocument(timeline: Timeline, rows: readonly TimelineRow[], board: string, minWidth: number): string {
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
    const follows = tf.causeNumber === undefined ? '' : `<p class="follows">↳ follows from <a href="#finding-${tf.causeNumber}">${tf.causeNumber}</a> ${esc(timeline.findings[tf.causeNumber - 1]?.finding.check ?? '')}</p>\n`;
    return `<article class="finding${tf.causeNumber === undefined ? '' : ' consequence'}" id="finding-${label}" data-finding="${label}"${tf.causeNumber === undefined ? '' : ` data-cause="${tf.causeNumber}"`} style="--mark:${color(i + 1)}">
<h3><span class="tag">${label}</span> ${esc(f.check)}${f.target === undefined ? '' : ` <code>${esc(f.target)}</code>`}${f.lock === undefined || f.lock === f.target ? '' : ` <code>${esc(f.lock)}</code>`}</h3>
${follows}<p class="rule">${esc(f.rule)}</p>
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
<body style="min-width:${minWidth}px">
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
