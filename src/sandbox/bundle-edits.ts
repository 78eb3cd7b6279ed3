/**
 * Text edits to a bundle that keep its source map true: every edit stays on
 * one line (no line break is added or removed), and the bundle's inline
 * source map is rewritten so each mapped position moves with the text
 * around it. So V8's positions in the rewritten bundle still lead to the
 * student's line and column.
 */

/** Inserts `text` at `start` (when `end` equals it) or replaces `start`…`end`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * Order among insertions at one offset: closing insertions (`close`) come
   * before opening ones, innermost first; opening ones outermost first.
   * `rank` is the nesting depth of what the insertion wraps.
   */
  readonly close?: boolean;
  readonly rank?: number;
}

import { decodeVlq, encodeVlq } from './vlq.js';

const INLINE_MAP = '//# sourceMappingURL=data:application/json;base64,';

/** Applies `edits` (non-overlapping replacements; any number of insertions) to `code`, and rewrites its inline source map to match. */
export function applyEdits(code: string, edits: readonly Edit[]): string {
  const mapAt = code.lastIndexOf(INLINE_MAP);
  const body = mapAt < 0 ? code : code.slice(0, mapAt);
  const sorted = sortEdits(edits);
  for (const edit of sorted) {
    if (edit.text.includes('\n') || body.slice(edit.start, edit.end).includes('\n')) throw new Error('spinlab: a bundle edit may not add or remove a line break');
  }
  const pieces: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error('spinlab: overlapping bundle edits');
    pieces.push(body.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(body.slice(at));
  const rewritten = pieces.join('');
  if (mapAt < 0) return rewritten;
  const end = code.indexOf('\n', mapAt);
  const raw = JSON.parse(Buffer.from(code.slice(mapAt + INLINE_MAP.length, end < 0 ? undefined : end).trim(), 'base64').toString('utf8')) as { mappings: string };
  const shift = columnShifter(body, sorted);
  const map = { ...raw, mappings: remapMappings(raw.mappings, shift) };
  return `${rewritten}${INLINE_MAP}${Buffer.from(JSON.stringify(map), 'utf8').toString('base64')}\n`;
}

function sortEdits(edits: readonly Edit[]): Edit[] {
  const order = (edit: Edit): number => {
    if (edit.end > edit.start) return 2;
    return edit.close === true ? 0 : 1;
  };
  return edits
    .map((edit, seq) => ({ edit, seq }))
    .sort((a, b) => {
      if (a.edit.start !== b.edit.start) return a.edit.start - b.edit.start;
      const kind = order(a.edit) - order(b.edit);
      if (kind !== 0) return kind;
      const rank = (a.edit.rank ?? 0) - (b.edit.rank ?? 0);
      if (rank !== 0) return a.edit.close === true ? -rank : rank;
      return a.seq - b.seq;
    })
    .map(({ edit }) => edit);
}

/** A function from (0-based line, column) in `body` to the column in the edited text. */
function columnShifter(body: string, sorted: readonly Edit[]): (line: number, column: number) => number {
  const lineStarts = [0];
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) lineStarts.push(i + 1);
  // Per line, the edits on it, in order.
  const byLine = new Map<number, Edit[]>();
  let line = 0;
  for (const edit of sorted) {
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= edit.start) line++;
    let list = byLine.get(line);
    if (list === undefined) byLine.set(line, (list = []));
    list.push(edit);
  }
  return (l, column) => {
    const edits = byLine.get(l);
    if (edits === undefined) return column;
    const offset = lineStarts[l]! + column;
    let delta = 0;
    for (const edit of edits) {
      if (edit.start > offset) break;
      if (edit.end <= offset && edit.end > edit.start) delta += edit.text.length - (edit.end - edit.start);
      else if (edit.end === edit.start) delta += edit.text.length;
      // A position inside a replaced range moves to the replacement's start.
      else return edit.start + delta - lineStarts[l]!;
    }
    return column + delta;
  };
}

/** Re-encodes `mappings` with every segment's generated column passed through `shift`. */
function remapMappings(mappings: string, shift: (line: number, column: number) => number): string {
  const out: string[] = [];
  let line = 0;
  for (const group of mappings.split(';')) {
    let column = 0;
    let previous = 0;
    const segments: string[] = [];
    if (group !== '') {
      for (const text of group.split(',')) {
        const fields = decodeVlq(text);
        column += fields[0] ?? 0;
        const moved = shift(line, column);
        segments.push(encodeVlq([moved - previous, ...fields.slice(1)]));
        previous = moved;
      }
    }
    out.push(segments.join(','));
    line++;
  }
  return out.join(';');
}
