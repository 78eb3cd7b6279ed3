/**
 * Student ids in a batch: one per entry of the class folder, unique, the
 * same on every machine for the same folder, and safe as a file name on any
 * file system — the id names the result file (`<id>.json`) and the row of
 * grades.csv, and `--resume` and `--shard` go by it.
 *
 * The rule (docs/staff.md, "Student ids"):
 * 1. An entry's id is its name — a file's without `.ts` — with every
 *    character that is unsafe in a file name or on a terminal written `%XX`
 *    (its UTF-8 bytes): a byte that is not UTF-8, a control or invisible
 *    formatting character, `%`, `/ \ : * ? " < > |`, a trailing dot or
 *    space, the first letter of a Windows device name (`con` → `%63on`),
 *    a first `= + - @` (a spreadsheet formula's start: `=cmd` → `%3Dcmd`).
 *    An id longer than {@link MAX_ID_BYTES} is cut and ends with `~` and 8
 *    hex digits of a hash of the whole name.
 * 2. Ids are compared as a case-insensitive, normalization-insensitive file
 *    system compares names (NFKC, case folded). Entries whose ids clash
 *    (`alice/` and `alice.ts`, `Alice/` and `alice.ts`): a file keeps its
 *    `.ts` (`alice.ts`), and any that still clash get `~2`, `~3`, … in byte
 *    order of their names. An id that clashes with no other is never changed.
 */
import { decodeName } from '../../sandbox/file-names.js';
import { fnv1a } from './shard.js';

/** An entry of the class folder. */
export interface ClassEntry {
  readonly name: Buffer;
  readonly kind: 'folder' | 'file';
}

/** An id longer than this (UTF-8 bytes) is cut and ends with a hash of the whole name. */
export const MAX_ID_BYTES = 120;

/** The ids of `entries`, in their order. */
export function assignIds(entries: readonly ClassEntry[]): string[] {
  const order = entries.map((_, i) => i).sort((a, b) => Buffer.compare(entries[a]!.name, entries[b]!.name));
  const base = entries.map((entry) => escapeId(entry.kind === 'file' ? entry.name.subarray(0, entry.name.length - 3) : entry.name, entry.name));
  const clashes = new Map<string, number>();
  for (const id of base) clashes.set(foldId(id), (clashes.get(foldId(id)) ?? 0) + 1);
  const ids: string[] = new Array<string>(entries.length);
  const taken = new Set<string>();
  for (const i of order) {
    if (clashes.get(foldId(base[i]!)) !== 1) continue;
    ids[i] = base[i]!;
    taken.add(foldId(base[i]!));
  }
  for (const i of order) {
    if (ids[i] !== undefined) continue;
    const entry = entries[i]!;
    const candidate = entry.kind === 'file' ? escapeId(entry.name, entry.name) : base[i]!;
    let id = candidate;
    for (let n = 2; taken.has(foldId(id)); n++) id = `${candidate}~${n}`;
    ids[i] = id;
    taken.add(foldId(id));
  }
  return ids;
}

/** How a case-insensitive, normalization-insensitive file system compares a name. */
export function foldId(id: string): string {
  return id.normalize('NFKC').toUpperCase().toLowerCase();
}

/** Characters an id writes as `%XX`. */
const UNSAFE = /[%/\\:*?"<>|\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029\ufffd]/u;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** What a spreadsheet reads as the start of a formula (OWASP's CSV injection list; tab and CR are already `%XX`). */
const FORMULA_START = /^[=+\-@]$/;

/** `bytes` as an id (rule 1); `whole` is the entry's whole name, hashed when the id is cut. */
export function escapeId(bytes: Buffer, whole: Buffer): string {
  const pieces: string[] = [];
  for (let i = 0; i < bytes.length; ) {
    const decoded = decodeAt(bytes, i);
    const text = decoded === null ? percent(bytes.subarray(i, i + 1)) : UNSAFE.test(decoded) ? percent(Buffer.from(decoded)) : decoded;
    pieces.push(text);
    i += decoded === null ? 1 : Buffer.byteLength(decoded);
  }
  const last = pieces.length - 1;
  if (last >= 0 && (pieces[last] === '.' || pieces[last] === ' ')) pieces[last] = percent(Buffer.from(pieces[last]!));
  if (WINDOWS_DEVICE.test(pieces.join(''))) pieces[0] = percent(Buffer.from(pieces[0]!));
  // A spreadsheet takes a cell starting with one of these for a formula: the id is written so that grades.csv
  // never has to guard it (the guard's added quote would make the id in the sheet differ from the result's).
  if (pieces.length > 0 && FORMULA_START.test(pieces[0]!)) pieces[0] = percent(Buffer.from(pieces[0]!));
  return cut(pieces, whole);
}

/** The pieces joined, cut to fit {@link MAX_ID_BYTES} at a piece boundary (never inside a `%XX`), with the hash of `whole`. */
function cut(pieces: readonly string[], whole: Buffer): string {
  const id = pieces.join('');
  if (Buffer.byteLength(id) <= MAX_ID_BYTES) return id;
  let kept = '';
  for (const piece of pieces) {
    if (Buffer.byteLength(kept + piece) > MAX_ID_BYTES - 9) break;
    kept += piece;
  }
  return `${kept}~${fnv1a(whole).toString(16).padStart(8, '0')}`;
}

/** The character at byte `i` of `bytes`, or null when the bytes there are not UTF-8. */
function decodeAt(bytes: Buffer, i: number): string | null {
  const lead = bytes[i]!;
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return null;
  return decodeName(bytes.subarray(i, i + length));
}

function percent(bytes: Buffer): string {
  return [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
