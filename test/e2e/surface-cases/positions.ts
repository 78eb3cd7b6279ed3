/**
 * Places are the editor's (issue #19): U+2028 and U+2029 are line breaks to
 * every JavaScript tool and characters to an editor, so eight of them once
 * put every later finding eight lines off. Each case puts separators (or
 * CRLF, or lone CR line endings) before a finding, a type error or a
 * compile error, and checks the reported line and the quoted source
 * against the editor's count, computed here independently.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { honestStarterText, type SurfaceCase, type SurfaceResult } from '../surface-case.js';

const LS = '\u2028';
const PS = '\u2029';
/** Separators in a line comment, a block comment, a string and a template: eight line breaks to a tool, none to an editor. */
const SEPARATORS = `// ${LS}${PS}\n/* ${LS}${PS} */\nconst banner = "${LS}${PS}";\nconst shout = \`${LS}${PS}\`;\nvoid banner; void shout;`;
const starter = honestStarterText();
const RACE = 'ext.Count = ext.Count + 1;';

/** The starter with `code` before its device extension and its line endings made `eol`. */
function driverText(code: string, eol = '\n', text = starter): string {
  return text.replace('interface DeviceExtension', `${code}\ninterface DeviceExtension`).split('\n').join(eol);
}

/** The editor's 1-based line of the first `needle` in `text` (LF, CRLF and CR end a line; nothing else does) and that line's text. */
function editorPlace(text: string, needle: string): { line: number; source: string } {
  const lines = text.split(/\r\n|\r|\n/);
  const line = text.slice(0, text.indexOf(needle)).split(/\r\n|\r|\n/).length;
  return { line, source: lines[line - 1]! };
}

/** The race on Count is reported at its line, quoting it. */
function raceAt(text: string, file = 'driver.ts') {
  const place = editorPlace(text, RACE);
  return (result: SurfaceResult): void => {
    const finding = result.items.find((item) => item.id === 'no-race-on-count')!.findings[0]!;
    expect(finding.location).toMatchObject({ file, line: place.line });
    expect(finding.source).toBe(place.source);
  };
}

/** A diagnostic at `needle`'s line, quoting it. */
function diagnosticAt(text: string, needle: string) {
  const place = editorPlace(text, needle);
  return (result: SurfaceResult): void => {
    expect(result.diagnostics.map((d) => ({ line: d.line, source: d.source }))).toContainEqual(place);
  };
}

const both =
  (...checks: Array<(result: SurfaceResult) => void>) =>
  (result: SurfaceResult): void => {
    for (const check of checks) check(result);
  };

/** A case writing `text` as `classDir/<name>/driver.ts` (and `files` beside it). */
function writing(name: string, text: string, files: Record<string, string> = {}): SurfaceCase['build'] {
  return (ctx) => {
    const dir = join(ctx.classDir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'driver.ts'), text);
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    return dir;
  };
}

const separatorsRace = driverText(SEPARATORS);
const separatorsTypeError = driverText(`${SEPARATORS}\nconst wrong: number = 'x';\nvoid wrong;`);
const separatorsSyntaxError = driverText(`${SEPARATORS}\nconst broken = (;`);
const crlf = driverText(`${SEPARATORS}\nconst wrong: number = 'x';\nvoid wrong;`, '\r\n');
const loneCr = driverText(`${SEPARATORS}\nconst wrong: number = 'x';\nvoid wrong;`, '\r');
const heldAtReturn = driverText(
  SEPARATORS,
  '\n',
  starter
    .replace('import {', 'import { KeAcquireSpinLock, KeInitializeSpinLock,')
    .replace('ext.Count = 0;', 'ext.Count = 0;\n  await KeInitializeSpinLock(ext.Lock);')
    .replace(`  ${RACE}`, `  const oldIrql = await KeAcquireSpinLock(ext.Lock);\n  void oldIrql;\n  ${RACE}`),
);
const helper = `${SEPARATORS}\nexport function bump(ext: { Count: number }): void {\n  ${RACE}\n}\n`;
const withHelper = driverText("import { bump } from './bump.js';").replace(`  ${RACE}`, '  bump(ext);');

/** The held-at-return finding is at DispatchWrite's `return`, quoting it. */
function returnAt(text: string) {
  const lines = text.split('\n');
  const line = lines.lastIndexOf('  return STATUS_SUCCESS;') + 1;
  return (result: SurfaceResult): void => {
    const finding = result.items.find((item) => item.id === 'release-on-every-path')!.findings[0]!;
    expect(finding.location).toMatchObject({ file: 'driver.ts', line });
    expect(finding.source).toBe('  return STATUS_SUCCESS;');
  };
}

export const CASES: readonly SurfaceCase[] = [
  { name: 'pos-separators-race', area: 'positions', status: ['graded'], build: writing('pos-separators-race', separatorsRace), verify: raceAt(separatorsRace) },
  {
    name: 'pos-separators-type-error',
    area: 'positions',
    typecheck: true,
    status: ['graded'],
    build: writing('pos-separators-type-error', separatorsTypeError),
    verify: both(raceAt(separatorsTypeError), diagnosticAt(separatorsTypeError, 'const wrong')),
  },
  {
    name: 'pos-separators-compile-error',
    area: 'positions',
    status: ['compile-error'],
    build: writing('pos-separators-compile-error', separatorsSyntaxError),
    verify: diagnosticAt(separatorsSyntaxError, 'const broken'),
  },
  { name: 'pos-crlf', area: 'positions', typecheck: true, status: ['graded'], build: writing('pos-crlf', crlf), verify: both(raceAt(crlf), diagnosticAt(crlf, 'const wrong')) },
  { name: 'pos-lone-cr', area: 'positions', typecheck: true, status: ['graded'], build: writing('pos-lone-cr', loneCr), verify: both(raceAt(loneCr), diagnosticAt(loneCr, 'const wrong')) },
  { name: 'pos-separators-held-at-return', area: 'positions', status: ['graded'], build: writing('pos-separators-held-at-return', heldAtReturn), verify: returnAt(heldAtReturn) },
  { name: 'pos-separators-helper-file', area: 'positions', status: ['graded'], build: writing('pos-separators-helper-file', withHelper, { 'bump.ts': helper }), verify: raceAt(helper, 'bump.ts') },
];
