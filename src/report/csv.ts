/** grades.csv for a batch: submission, status, score, maxScore, then one column per item id; sorted by submission; every cell through {@link csvCell}. */
import type { GradeResult } from '../rubric/result.js';
import { csvCell } from './sanitize.js';

/** One row of grades.csv. */
export interface GradeRow {
  readonly submission: string;
  readonly status: string;
  readonly score: number;
  readonly maxScore: number;
  /** Points per item id. */
  readonly items: Readonly<Record<string, number>>;
}

/** A result as a row. */
export function rowOf(result: GradeResult): GradeRow {
  return {
    submission: result.submission,
    status: result.status,
    score: result.score,
    maxScore: result.maxScore,
    items: Object.fromEntries(result.items.map((item) => [item.id, item.points])),
  };
}

/** Renders rows as CSV (RFC 4180), sorted by submission; `itemIds` fixes the item columns. */
export function renderCsv(rows: readonly GradeRow[], itemIds: readonly string[]): string {
  const sorted = [...rows].sort((a, b) => (a.submission < b.submission ? -1 : a.submission > b.submission ? 1 : 0));
  const lines = [['submission', 'status', 'score', 'maxScore', ...itemIds].map(csvCell).join(',')];
  for (const row of sorted) {
    lines.push([row.submission, row.status, row.score, row.maxScore, ...itemIds.map((id) => row.items[id] ?? '')].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `csv` as Excel on Windows reads it right: a UTF-8 byte order mark (without
 * it Excel takes the bytes for the ANSI code page: `josé` shows as `josÃ©`)
 * and CRLF line ends. {@link parseCsv} reads it back.
 */
export function forExcel(csv: string): string {
  return `\uFEFF${csv.replace(/\r?\n/g, '\r\n')}`;
}

/** Parses grades.csv back into rows (for `spinlab merge`); a byte order mark is skipped. */
export function parseCsv(text: string): { itemIds: string[]; rows: GradeRow[] } {
  const records = parseRecords(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const header = records.shift() ?? [];
  const itemIds = header.slice(4);
  const rows = records
    .filter((r) => r.length > 1 || r[0] !== '')
    .map((r) => ({
      submission: r[0] ?? '',
      status: r[1] ?? '',
      score: Number(r[2]),
      maxScore: Number(r[3]),
      items: Object.fromEntries(itemIds.map((id, i) => [id, Number(r[4 + i])])),
    }));
  return { itemIds, rows };
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
