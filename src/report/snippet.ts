/**
 * A rustc-style source snippet: the lines of a finding's sites under one
 * gutter, each site's expression underlined — `^^^` for the primary site,
 * `---` for a related one — with its label, `...` for lines left out
 * between them, and a `--> file:line:col` head per file. Built as data
 * (what line, which marks under which columns), then laid out.
 */
import type kleur from 'kleur';
import { visibleText } from './sanitize.js';
import { spanAt, type Span } from './source-span.js';

/** A site to show: where, its source line as written, and what to say under it. */
export interface SnippetSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly source: string;
  readonly label: string;
  readonly primary: boolean;
  /** What to underline, when not the expression at `column` (see {@link spanAt}). */
  readonly span?: Span;
}

/** An underline: displayed columns `from`…`to` (1-based, `to` exclusive) of its line's shown text. */
export interface SnippetMark {
  readonly from: number;
  readonly to: number;
  readonly primary: boolean;
  readonly label: string;
}

/** One source line, as shown (made visible, tabs as spaces), with its marks: the primary first, then by column. */
export interface SnippetLine {
  readonly line: number;
  readonly text: string;
  readonly marks: readonly SnippetMark[];
}

/** The lines of one file, ascending; the head names the first (or primary) site. */
export interface SnippetBlock {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly lines: readonly SnippetLine[];
}

/** The blocks of `sites`: the primary site's file first, then the other files in the order their sites come. */
export function buildSnippet(sites: readonly SnippetSite[]): SnippetBlock[] {
  const files = [...new Set([...sites].sort((a, b) => Number(b.primary) - Number(a.primary)).map((s) => s.file))];
  return files.map((file) => {
    const own = sites.filter((s) => s.file === file);
    const head = own.find((s) => s.primary) ?? own[0]!;
    const numbers = [...new Set(own.map((s) => s.line))].sort((a, b) => a - b);
    const lines = numbers.map((line) => {
      const at = own.filter((s) => s.line === line);
      const source = at[0]!.source;
      const marks = at.map((s) => markOf(source, s)).filter((m, i, all) => all.findIndex((o) => o.from === m.from && o.to === m.to && o.primary === m.primary && o.label === m.label) === i);
      marks.sort((a, b) => Number(b.primary) - Number(a.primary) || a.from - b.from);
      return { line, text: shown(source), marks };
    });
    return { file, line: head.line, column: head.column, lines };
  });
}

/** The lines of `blocks` under one gutter, each prefixed by `indent`; colors from `k` (none when it is disabled). */
export function renderSnippet(blocks: readonly SnippetBlock[], k: typeof kleur, indent = ''): string[] {
  const width = gutterWidth(blocks);
  const pad = ' '.repeat(width);
  const bar = k.blue().bold('|');
  const out: string[] = [];
  for (const block of blocks) {
    out.push(`${indent}${pad}${k.blue().bold('-->')} ${block.file}:${block.line}:${block.column}`, `${indent}${pad} ${bar}`);
    let previous: number | null = null;
    for (const line of block.lines) {
      if (previous !== null && line.line > previous + 1) out.push(`${indent}${k.blue().bold('...')}`);
      previous = line.line;
      out.push(`${indent}${k.blue().bold(String(line.line).padStart(width))} ${bar} ${line.text}`);
      for (const mark of line.marks) {
        const paint = mark.primary ? k.red().bold : k.blue().bold;
        const under = (mark.primary ? '^' : '-').repeat(mark.to - mark.from);
        out.push(`${indent}${pad} ${bar} ${' '.repeat(mark.from - 1)}${paint(`${under}${mark.label === '' ? '' : ` ${mark.label}`}`)}`);
      }
    }
    out.push(`${indent}${pad} ${bar}`);
  }
  return out;
}

/** The width of the gutter `blocks` are laid out with (for lines that follow them, `= note:`). */
export function gutterWidth(blocks: readonly SnippetBlock[]): number {
  return Math.max(...blocks.flatMap((b) => b.lines.map((l) => String(l.line).length)), 1);
}

/** `site`'s underline, moved to the shown text: each escape a character became widens what comes after it. */
function markOf(source: string, site: SnippetSite): SnippetMark {
  const span = site.span ?? spanAt(source, site.column);
  const from = shown(source.slice(0, span.from - 1)).length + 1;
  const to = Math.max(from + 1, shown(source.slice(0, span.to - 1)).length + 1);
  return { from, to, primary: site.primary, label: site.label };
}

/** A source line as the report shows it: student text made visible, tabs and stray newlines as spaces. */
function shown(text: string): string {
  return visibleText(text).replace(/[\t\n]/g, ' ');
}
