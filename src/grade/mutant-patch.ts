/**
 * A mutant as a patch: `graders/<id>/mutants/<name>.patch` is a header of
 * `#` lines — `# fails: a, b` (or `# fails: a, b; may fail: c`), then the
 * bug's description — followed by a unified diff against the grader's
 * `solution.ts`, as `diff -u` makes it (`patch` and `git apply` skip the
 * header as text before the first `---`). Applying is strict: every context
 * and removed line must match exactly where its hunk says, with no fuzz and
 * no offset, so a solution edit that a mutant no longer fits is an error
 * naming the mutant and the hunk, never a silently different mutant. Line
 * endings are not part of the match: a Windows checkout (`core.autocrlf`)
 * gives solution.ts, and maybe the patch, CRLF endings, and the patch applies
 * all the same.
 */
import { SpinlabError } from '../errors.js';

/** What a mutant's header declares: the items it must fail, and those it may fail in some schedules only. */
export interface MutantHeader {
  readonly fails: string[];
  readonly mayFail: string[];
}

/** One line of a hunk: context (`' '`), removed (`'-'`) or added (`'+'`), with its newline unless `\ No newline at end of file` followed it. */
export interface HunkLine {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
}

/** One `@@ -oldStart,oldLines +newStart,newLines @@` hunk. */
export interface Hunk {
  /** The hunk's header line, as written (how errors name it). */
  readonly header: string;
  /** invariant: 1-based; with `oldLines` 0, the line the addition comes after (0: the start of the file). */
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly HunkLine[];
}

/** A parsed mutant patch. */
export interface MutantPatch {
  /** The mutant's name (its file name without `.patch`): errors name it. */
  readonly name: string;
  /** The `# fails:` line's items, or null when the first line is not one. */
  readonly header: MutantHeader | null;
  /** The other `#` lines of the header, without their `# `, joined by newlines. */
  readonly description: string;
  /** invariant: at least one, in file order, not overlapping. */
  readonly hunks: readonly Hunk[];
}

/** A mutant patch that cannot be read, or does not apply to the solution. */
export class MutantPatchError extends SpinlabError {
  constructor(
    /** The mutant's name. */
    readonly mutant: string,
    /** What is wrong, without the mutant's name. */
    readonly problem: string,
    hint = 'make the patch again: diff -u solution.ts <the mutant>.ts, with its `# fails:` header on top (docs/authors.md)',
  ) {
    super('SPINLAB_EXERCISE_INVALID', `mutant ${mutant}: ${problem}`, hint);
  }
}

const FAILS = /^\s*#\s*fails:\s*([^;]+?)\s*(?:;\s*may fail:\s*(.+?))?\s*$/;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const NO_NEWLINE = '\\ No newline at end of file';

/**
 * The items a mutant patch's first line names: `# fails: a, b` — or
 * `# fails: a, b; may fail: c` when c's failure depends on the schedule (a
 * consequence that only some interleavings show, as on the real machine).
 * Ids are sorted. Null if the first line is not such a header.
 */
export function mutantHeader(text: string): MutantHeader | null {
  const match = FAILS.exec(text.split('\n')[0] ?? '');
  if (match === null) return null;
  const ids = (list: string | undefined) =>
    (list ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .sort();
  return { fails: ids(match[1]), mayFail: ids(match[2]) };
}

/** Parses the mutant patch `text` of mutant `name`. Throws MutantPatchError when it is not a header and one unified diff with at least one hunk. */
export function parseMutantPatch(text: string, name: string): MutantPatch {
  const lines = withLf(text).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const fail = (index: number, message: string): never => {
    throw new MutantPatchError(name, `line ${index + 1}: ${message}`);
  };
  let at = 0;
  const description: string[] = [];
  for (; at < lines.length && !lines[at]!.startsWith('--- '); at++) {
    const line = lines[at]!;
    if (line.trim() === '') continue;
    if (!line.startsWith('#')) fail(at, `expected a \`#\` header line or the diff's \`--- solution.ts\`, found \`${line}\``);
    if (at > 0) description.push(line.replace(/^#\s?/, ''));
  }
  if (at >= lines.length) throw new MutantPatchError(name, 'no diff: expected `--- solution.ts` and `+++ solution.ts` after the header');
  if (!(lines[at + 1] ?? '').startsWith('+++ ')) fail(at + 1, 'expected `+++ solution.ts` after `---`');
  at += 2;
  const hunks: Hunk[] = [];
  while (at < lines.length) {
    const header = lines[at]!;
    if (header.trim() === '') {
      at++;
      continue;
    }
    const match = HUNK.exec(header);
    if (match === null) fail(at, `expected a hunk (\`@@ -a,b +c,d @@\`), found \`${header}\`${header.startsWith('--- ') ? ': a mutant patch changes solution.ts only' : ''}`);
    const count = (value: string | undefined) => (value === undefined ? 1 : Number(value));
    const hunk = { header, oldStart: Number(match![1]), oldLines: count(match![2]), newStart: Number(match![3]), newLines: count(match![4]), lines: [] as HunkLine[] };
    at++;
    let oldLeft = hunk.oldLines;
    let newLeft = hunk.newLines;
    while (oldLeft > 0 || newLeft > 0) {
      if (at >= lines.length) fail(at, `hunk \`${header}\` ends early: ${oldLeft} old and ${newLeft} new line(s) missing`);
      const line = lines[at]!;
      // An empty line is an empty context line whose space an editor trimmed (patch and git apply read it so too).
      const kind = line === '' ? ' ' : line[0];
      if (kind !== ' ' && kind !== '-' && kind !== '+') fail(at, `expected a context (\` \`), removed (\`-\`) or added (\`+\`) line of hunk \`${header}\`, found \`${line}\``);
      if (kind !== '+') oldLeft--;
      if (kind !== '-') newLeft--;
      if (oldLeft < 0 || newLeft < 0) fail(at, `hunk \`${header}\` has more lines than its header counts`);
      at++;
      const noNewline = lines[at] === NO_NEWLINE;
      if (noNewline) at++;
      hunk.lines.push({ kind: kind as HunkLine['kind'], text: line.slice(1) + (noNewline ? '' : '\n') });
    }
    if (lines[at] === NO_NEWLINE) fail(at, `\`${NO_NEWLINE}\` must follow a line of a hunk`);
    const previous = hunks.at(-1);
    if (previous !== undefined && startIndex(hunk) < startIndex(previous) + previous.oldLines) fail(at, `hunk \`${header}\` overlaps or precedes hunk \`${previous.header}\``);
    hunks.push(hunk);
  }
  if (hunks.length === 0) throw new MutantPatchError(name, 'the diff has no hunk: the mutant would be the solution itself');
  return { name, header: mutantHeader(withLf(text)), description: description.join('\n').trim(), hunks };
}

/**
 * The solution with `patch` applied. Strict: each hunk's context and
 * removed lines must be exactly the solution's lines at the hunk's old
 * position (newlines included, whether they are LF or CRLF). The mutant
 * keeps the solution's line endings. Throws MutantPatchError naming the
 * mutant, the hunk and the first line that differs.
 */
export function applyMutantPatch(patch: MutantPatch, solution: string): string {
  const crlf = solution.includes('\r\n');
  const applied = applyToLf(patch, withLf(solution));
  return crlf ? applied.replace(/\n/g, '\r\n') : applied;
}

/** `text` with its CRLF line endings made LF. */
function withLf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** {@link applyMutantPatch} on a solution with LF endings. */
function applyToLf(patch: MutantPatch, solution: string): string {
  const original = solution.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let next = 0; // the index of the first original line not yet copied
  patch.hunks.forEach((hunk, h) => {
    const name = `hunk ${h + 1} (\`${hunk.header}\`)`;
    const start = startIndex(hunk);
    if (start + hunk.oldLines > original.length) {
      throw new MutantPatchError(patch.name, `${name} does not apply to solution.ts: it needs lines ${start + 1}–${start + hunk.oldLines}, and solution.ts has ${original.length}`);
    }
    out.push(...original.slice(next, start));
    let line = start;
    for (const { kind, text } of hunk.lines) {
      if (kind === '+') {
        out.push(text);
        continue;
      }
      const found = original[line]!;
      if (found !== text) {
        throw new MutantPatchError(patch.name, `${name} does not apply to solution.ts: line ${line + 1} is ${show(found)}, the patch expects ${show(text)}`);
      }
      if (kind === ' ') out.push(found);
      line++;
    }
    next = line;
  });
  out.push(...original.slice(next));
  return out.join('');
}

/** The 0-based index of a hunk's first old line (with no old lines, the hunk comes after line oldStart). */
function startIndex(hunk: Hunk): number {
  return hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
}

/** A line for a message: quoted, saying when it has no newline. */
function show(line: string): string {
  return line.endsWith('\n') ? JSON.stringify(line.slice(0, -1)) : `${JSON.stringify(line)} (no newline at end of file)`;
}
