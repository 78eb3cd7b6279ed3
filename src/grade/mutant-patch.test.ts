import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMutantPatch, MutantPatchError, mutantHeader, parseMutantPatch } from './mutant-patch.js';

const solution = `${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
const lines = (text: string) => text.split('\n');

/** The error `run` throws (failing the test if it throws none or another kind). */
function thrown(run: () => unknown): MutantPatchError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MutantPatchError);
    return error as MutantPatchError;
  }
  throw new Error('expected a MutantPatchError');
}

const oneHunk = `# fails: init-before-use
# Line 3 is dropped,
# and line 4 changed.
--- solution.ts
+++ solution.ts
@@ -1,6 +1,5 @@
 line 1
 line 2
-line 3
-line 4
+line four
 line 5
 line 6
`;

describe('a mutant patch', () => {
  it('applies: the solution with its lines removed and added', () => {
    const applied = applyMutantPatch(parseMutantPatch(oneHunk, 'drop-three'), solution);
    expect(lines(applied).slice(0, 5)).toEqual(['line 1', 'line 2', 'line four', 'line 5', 'line 6']);
    expect(lines(applied)).toHaveLength(lines(solution).length - 1);
    expect(applied.endsWith('line 20\n')).toBe(true);
  });

  it('reads its header: the items it fails, those it may fail, and the description', () => {
    expect(parseMutantPatch(oneHunk, 'drop-three')).toMatchObject({ name: 'drop-three', header: { fails: ['init-before-use'], mayFail: [] }, description: 'Line 3 is dropped,\nand line 4 changed.' });
    expect(mutantHeader('# fails: no-data-races, init-once; may fail: count-under-lock, count-exact\n# why')).toEqual({ fails: ['init-once', 'no-data-races'], mayFail: ['count-exact', 'count-under-lock'] });
    expect(mutantHeader('#fails:a,b')).toEqual({ fails: ['a', 'b'], mayFail: [] });
    // Only the first line is a header; without it, the patch still parses and says so.
    expect(mutantHeader('# The bug.\n# fails: a')).toBeNull();
    expect(mutantHeader('// fails: a')).toBeNull();
    expect(parseMutantPatch(oneHunk.replace('# fails: init-before-use\n', ''), 'x').header).toBeNull();
  });

  it('is an error naming the mutant and the hunk when a context or removed line does not match exactly', () => {
    const patch = parseMutantPatch(oneHunk, 'drop-three');
    const edited = thrown(() => applyMutantPatch(patch, solution.replace('line 4\n', 'line 4 \n')));
    expect(edited.code).toBe('SPINLAB_EXERCISE_INVALID');
    expect(edited.mutant).toBe('drop-three');
    expect(edited.message).toBe('mutant drop-three: hunk 1 (`@@ -1,6 +1,5 @@`) does not apply to solution.ts: line 4 is "line 4 ", the patch expects "line 4"');
    // No fuzz and no offset: the same lines one line further down do not apply.
    const moved = thrown(() => applyMutantPatch(patch, `line 0\n${solution}`));
    expect(moved.problem).toMatch(/^hunk 1 .* line 1 is "line 0", the patch expects "line 1"$/);
    // A solution shorter than the hunk.
    expect(thrown(() => applyMutantPatch(patch, 'line 1\nline 2\n')).problem).toMatch(/^hunk 1 .* needs lines 1–6, and solution.ts has 2$/);
  });

  it('applies several hunks, each at its own position, and names the one that does not apply', () => {
    const text = `# fails: a
--- solution.ts
+++ solution.ts
@@ -2,3 +2,4 @@
 line 2
+inserted
 line 3
 line 4
@@ -10,3 +11,2 @@
 line 10
-line 11
 line 12
@@ -18,0 +19,1 @@
+after 18
`;
    const patch = parseMutantPatch(text, 'three');
    expect(patch.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([[2, 3, 2, 4], [10, 3, 11, 2], [18, 0, 19, 1]]);
    const applied = lines(applyMutantPatch(patch, solution));
    expect(applied.slice(0, 4)).toEqual(['line 1', 'line 2', 'inserted', 'line 3']);
    expect(applied).not.toContain('line 11');
    expect(applied.slice(applied.indexOf('line 18'), applied.indexOf('line 18') + 2)).toEqual(['line 18', 'after 18']);
    expect(thrown(() => applyMutantPatch(patch, solution.replace('line 12', 'line twelve'))).problem).toMatch(/^hunk 2 \(`@@ -10,3 \+11,2 @@`\) .* line 12 is "line twelve"/);
  });

  it('adds lines at the end of the file, and at its start', () => {
    const end = parseMutantPatch('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -19,2 +19,4 @@\n line 19\n line 20\n+line 21\n+line 22\n', 'end');
    expect(applyMutantPatch(end, solution).endsWith('line 20\nline 21\nline 22\n')).toBe(true);
    const start = parseMutantPatch('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -0,0 +1 @@\n+// first\n', 'start');
    expect(applyMutantPatch(start, solution)).toBe(`// first\n${solution}`);
  });

  it('reads `\\ No newline at end of file` on either side, and holds the solution to it', () => {
    const bare = solution.slice(0, -1); // no newline after line 20
    const addNewline = parseMutantPatch('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -20 +20,2 @@\n-line 20\n\\ No newline at end of file\n+line 20\n+line 21\n', 'add');
    expect(applyMutantPatch(addNewline, bare)).toBe(`${solution}line 21\n`);
    // The patch says line 20 has no newline: a solution whose line 20 has one does not match.
    expect(thrown(() => applyMutantPatch(addNewline, solution)).problem).toBe('hunk 1 (`@@ -20 +20,2 @@`) does not apply to solution.ts: line 20 is "line 20", the patch expects "line 20" (no newline at end of file)');
    const dropNewline = parseMutantPatch('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -19,2 +19,2 @@\n line 19\n-line 20\n+last\n\\ No newline at end of file\n', 'drop');
    expect(applyMutantPatch(dropNewline, solution)).toBe(`${solution.slice(0, solution.indexOf('line 20'))}last`);
    const context = parseMutantPatch('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -18,3 +18,3 @@\n-line 18\n+line eighteen\n line 19\n line 20\n\\ No newline at end of file\n', 'context');
    expect(applyMutantPatch(context, bare)).toBe(bare.replace('line 18', 'line eighteen'));
  });

  it('reads an empty line in a hunk as an empty context line (an editor trimmed its space)', () => {
    const patch = parseMutantPatch('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -1,3 +1,2 @@\n a\n\n-b\n', 'trimmed');
    expect(applyMutantPatch(patch, 'a\n\nb\nc\n')).toBe('a\n\nc\n');
  });

  describe('whatever the line endings (a Windows checkout with core.autocrlf)', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const mutant = solution.replace('line 3\nline 4\n', 'line four\n');

    it.each([
      ['a CRLF solution.ts, an LF patch', solution, oneHunk],
      ['a CRLF solution.ts, a CRLF patch', solution, crlf(oneHunk)],
      ['an LF solution.ts, a CRLF patch', solution, crlf(oneHunk)],
    ])('applies with %s, and the mutant keeps the solution\'s endings', (title, lf, patchText) => {
      const solutionText = title.startsWith('a CRLF') ? crlf(lf) : lf;
      const patch = parseMutantPatch(patchText, 'drop-three');
      expect(patch.header).toEqual({ fails: ['init-before-use'], mayFail: [] });
      expect(patch.description).toBe('Line 3 is dropped,\nand line 4 changed.');
      expect(applyMutantPatch(patch, solutionText)).toBe(title.startsWith('a CRLF') ? crlf(mutant) : mutant);
    });

    it('still holds a CRLF solution to the patch\'s lines', () => {
      const edited = thrown(() => applyMutantPatch(parseMutantPatch(oneHunk, 'drop-three'), crlf(solution.replace('line 4\n', 'line 4 \n'))));
      expect(edited.problem).toBe('hunk 1 (`@@ -1,6 +1,5 @@`) does not apply to solution.ts: line 4 is "line 4 ", the patch expects "line 4"');
    });

    it('reads `\\ No newline at end of file` in a CRLF patch', () => {
      const bare = solution.slice(0, -1);
      const addNewline = crlf('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -20 +20,2 @@\n-line 20\n\\ No newline at end of file\n+line 20\n+line 21\n');
      expect(applyMutantPatch(parseMutantPatch(addNewline, 'add'), crlf(bare))).toBe(crlf(`${solution}line 21\n`));
    });
  });

  it('is an error, naming the line, when it is not a header and one diff with hunks', () => {
    const problem = (text: string) => thrown(() => parseMutantPatch(text, 'bad')).problem;
    expect(problem('# fails: a\n')).toMatch(/^no diff/);
    expect(problem('# fails: a\nsome prose\n--- solution.ts\n')).toMatch(/^line 2: expected a `#` header line/);
    expect(problem('# fails: a\n--- solution.ts\n@@ -1 +1 @@\n')).toMatch(/^line 3: expected `\+\+\+ solution.ts`/);
    expect(problem('# fails: a\n--- solution.ts\n+++ solution.ts\n')).toMatch(/no hunk/);
    expect(problem('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -1,2 +1,2 @@\n-a\n+b\n')).toMatch(/^line 7: hunk .* ends early: 1 old and 1 new line\(s\) missing/);
    expect(problem('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -1 +1 @@\n-a\n+b\n--- other.ts\n+++ other.ts\n')).toMatch(/^line 7: .*changes solution.ts only/);
    expect(problem('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -5 +5 @@\n-a\n+b\n@@ -3 +3 @@\n-c\n+d\n')).toMatch(/overlaps or precedes/);
    expect(problem('# fails: a\n--- solution.ts\n+++ solution.ts\n@@ -1 +1 @@\n*a\n')).toMatch(/^line 5: expected a context/);
  });
});

describe('a patch made by diff -u', () => {
  const work = mkdtempSync(join(tmpdir(), 'spinlab-mutant-patch-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const bare = solution.slice(0, -1);
  const cases: Array<[string, string, string]> = [
    ['one line changed', solution, solution.replace('line 7\n', 'line seven\n')],
    ['far-apart edits (several hunks)', solution, solution.replace('line 2\n', '').replace('line 19\n', 'line 19\nextra\n')],
    ['lines added at the end', solution, `${solution}line 21\nline 22\n`],
    ['the last line loses its newline', solution, bare],
    ['the last line gains its newline', bare, solution],
    ['the first line removed', solution, solution.replace('line 1\n', '')],
  ];
  it.each(cases)('applies to give the mutant exactly: %s', (_, before, after) => {
    writeFileSync(join(work, 'solution.ts'), before);
    writeFileSync(join(work, 'mutant.ts'), after);
    const diff = spawnSync('diff', ['-u', 'solution.ts', 'mutant.ts'], { cwd: work, encoding: 'utf8' });
    expect(diff.status).toBe(1);
    // File names and timestamps after --- and +++ are ignored.
    const patch = parseMutantPatch(`# fails: a\n# The bug.\n${diff.stdout}`, 'from-diff');
    expect(applyMutantPatch(patch, before)).toBe(after);
  });
});
