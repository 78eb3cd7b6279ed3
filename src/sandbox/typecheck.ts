/**
 * Type-checks a staged submission with tsc (TypeScript 7, native), strict,
 * against the `spinlab/kernel` types; diagnostics come back at the
 * editor's line and column in the student's files.
 *
 * tsc reads only the submission, by construction (tsc-program.ts): an
 * explicit file list with `noResolve`. Two runs, both in the staged copy:
 *
 * 1. *Declarations* (`--noCheck`, declaration emit, `--traceResolution`):
 *    tsc's account of every module specifier (resolution-trace.ts) — one
 *    that leaves the submission refuses the type-check, tsc's output
 *    unseen — and of which files the entry reaches; and its declaration
 *    output for them, where `declare module "…"` and `declare global` are
 *    found (declaration-scan.ts).
 * 2. *Check* (`--noEmit`): the reached files, suppression comments defused
 *    (suppression-comments.ts).
 *
 * Both runs' `--listFiles` must name nothing but the given files and
 * TypeScript's lib; anything else drops the output. The type-check item is
 * earned only by TypeScript: a `.js` file the driver runs, or a `.d.ts`
 * declaration file it uses (tsc checks neither), is reported here too.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { findAugmentations } from './declaration-scan.js';
import { referenceDirectives } from './reference-directives.js';
import { readResolutionTrace, reachableFrom } from './resolution-trace.js';
import { SourceLines } from './source-lines.js';
import { SourceMap } from './source-map.js';
import type { StagedSubmission } from './stage.js';
import { defuseSuppressions } from './suppression-comments.js';
import { fileLessErrors, listedFiles, parseTscOutput, rewritten } from './tsc-output.js';
import { runTsc, tscLibDir, type TscRun } from './tsc-process.js';
import { kernelTypesOf, toSlashes, unexpectedFiles, writeProgram } from './tsc-program.js';

/** Limits on one type-check. */
export interface TypecheckLimits {
  /** Wall clock for both tsc runs (default 60 s). */
  readonly timeoutMs?: number;
  /** Memory, in MB (default 512): the Go runtime's soft limit, and twice it (at least 1 GB) as a hard address-space cap. */
  readonly memoryMb?: number;
}

/** tsc output kept from the check; past it the check is stopped and fails. */
export const TSC_OUTPUT_BYTES = 256 * 1024;

/** tsc output kept from the declarations run (its resolution trace is long: a few KB an import). */
export const TRACE_OUTPUT_BYTES = 16 * 1024 * 1024;

/** Diagnostics reported at most (the rest are summed up in one). */
export const MAX_DIAGNOSTICS = 50;

/** The compiler options a driver is type-checked with, by the grader and by the student's editor alike. */
export const DRIVER_COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  target: 'es2022',
  module: 'esnext',
  moduleResolution: 'bundler',
  // Every file is a module: a file without imports or exports cannot declare global names.
  moduleDetection: 'force',
  lib: ['es2023'],
  types: [],
  skipLibCheck: true,
  allowImportingTsExtensions: true,
} as const;

/**
 * The tsconfig.json every exercise folder ships (and `spinlab new`
 * scaffolds): the grader's options, with `spinlab/kernel` resolved through
 * the installed package instead of a path, so `npx tsc --noEmit` and an
 * editor report what the grader reports.
 */
export function studentTsconfig(entry: string): string {
  return `${JSON.stringify({ compilerOptions: DRIVER_COMPILER_OPTIONS, files: [entry] }, null, 2)}\n`;
}

const TYPESCRIPT = /\.(ts|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$/;
const OUTSIDE = "is not a file of the submission: a driver may refer only to 'spinlab/kernel' and its own files (relative paths like './queue.js')";

/** Type-checks the staged submission whose bundle holds the student files `bundled`; returns the diagnostics in the student's files. */
export async function typecheckDriver(staged: StagedSubmission, bundled: readonly string[], limits: TypecheckLimits = {}): Promise<Diagnostic[]> {
  const root = toSlashes(staged.root);
  const entry = relative(staged.root, staged.entry).split(sep).join('/');
  const absolute = (file: string) => `${root}/${file}`;
  const textOf = new Map<string, SourceLines>();
  const linesOf = (file: string): SourceLines => {
    let lines = textOf.get(file);
    if (lines === undefined) textOf.set(file, (lines = new SourceLines(readFileSync(absolute(file), 'utf8'))));
    return lines;
  };
  const at = (file: string, offset: number, message: string): Diagnostic => {
    const lines = linesOf(file);
    const place = lines.positionAt(offset);
    return { kind: 'typecheck', file, ...place, code: 'SPINLAB', message, source: lines.lineText(place.line) };
  };
  const failure = (message: string): Diagnostic[] => [{ kind: 'typecheck', file: entry, line: 1, column: 1, code: 'SPINLAB', message }];
  const refused: Diagnostic[] = bundled
    .filter((file) => !TYPESCRIPT.test(file))
    .map((file) => at(file, 0, `${file} is JavaScript, which tsc does not check: the type-check item needs every file the driver runs in TypeScript (rename it ${file.replace(/\.[cm]?js$/, '.ts')})`));
  const sources = staged.files.filter((file) => TYPESCRIPT.test(file));
  if (!sources.includes(entry)) return [...refused, ...failure(`${entry} is not a TypeScript file, so there is nothing to type-check`)];

  const libDir = await tscLibDir();
  const deadline = Date.now() + (limits.timeoutMs ?? 60_000);
  const tscLimits = (outputBytes: number) => ({ timeoutMs: Math.max(1000, deadline - Date.now()), memoryMb: limits.memoryMb ?? 512, outputBytes });
  const stopped = (run: TscRun, what: string): Diagnostic[] | null => {
    if (run.timedOut) return failure(`the type-check did not finish within ${(limits.timeoutMs ?? 60_000) / 1000} s (a type that is pathologically deep or wide?)`);
    if (run.tooMuchOutput) return failure(`the type-check printed more than ${what}`);
    return null;
  };
  const readOutside = (run: TscRun, given: ReadonlySet<string>): Diagnostic[] | null => {
    const listed = listedFiles(run.output);
    const unexpected = unexpectedFiles(listed, given, libDir);
    return unexpected.length > 0 || !listed.map(toSlashes).includes(absolute(entry)) ? failure('the type-check read a file that is not part of the submission, so spinlab set its output aside') : null;
  };

  // 1. Declarations: what every file refers to, what the entry reaches, what it declares.
  const outDir = join(staged.workDir, 'declarations');
  const allGiven = new Set(sources.map(absolute));
  // Only the submission's own files, no lib: the declarations are read for what they declare, not for their types.
  const { lib: _lib, ...withoutLib } = DRIVER_COMPILER_OPTIONS;
  writeProgram(join(staged.workDir, 'declarations.json'), [...allGiven], {
    ...withoutLib,
    noLib: true,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: true,
    noCheck: true,
    removeComments: true,
    rootDir: root,
    outDir,
  }, false);
  const declarations = await runTsc(['-p', join(staged.workDir, 'declarations.json'), '--traceResolution', '--listFiles'], staged.root, tscLimits(TRACE_OUTPUT_BYTES));
  const declarationsStopped = stopped(declarations, `${TRACE_OUTPUT_BYTES / 1024 / 1024} MB while resolving the imports (too many imports?)`) ?? readOutside(declarations, allGiven);
  if (declarationsStopped !== null) return [...refused, ...declarationsStopped];
  const account = readResolutionTrace(declarations.output, { root, submission: allGiven });
  if (account.unreadable > 0) return [...refused, ...failure('a module specifier holds a line break or a quote tsc could not report plainly: refer to modules by plain relative paths')];
  // Only the files the entry reaches are checked, so only their specifiers count (a stray file may import anything).
  const reachedPaths = reachableFrom(absolute(entry), account.edges);
  const leaving = account.outside.filter(({ from }) => reachedPaths.has(from));
  if (leaving.length > 0) {
    // The n-th refusal of a specifier in a file is at its n-th occurrence there.
    const searched = new Map<string, number>();
    const outside = leaving.slice(0, MAX_DIAGNOSTICS).map(({ from, specifier }) => {
      const file = from.slice(root.length + 1);
      const key = `${file}\0${specifier}`;
      const offset = literalOffset(linesOf(file).text, specifier, searched.get(key) ?? 0);
      searched.set(key, offset + 1);
      return at(file, offset, `'${specifier.slice(0, 80)}' ${OUTSIDE}`);
    });
    return [...refused, ...outside];
  }
  const reached = [...reachedPaths].map((file) => file.slice(root.length + 1)).sort();
  // What runs is what is checked: a TypeScript file the bundle holds but no import reaches (a `require` call) was never checked.
  for (const file of bundled.filter((file) => TYPESCRIPT.test(file) && !reachedPaths.has(absolute(file)))) {
    refused.push(at(file, 0, `${file} runs in the driver, but no import reaches it, so tsc did not check it: import it with \`import\` from the driver's files`));
  }
  for (const file of reached) {
    if (DECLARATION.test(file)) {
      refused.push(at(file, 0, `${file} is a declaration file, which tsc does not check: the type-check item needs the driver's types in .ts files (rename it ${file.replace(DECLARATION, '.$1')})`));
      continue;
    }
    for (const directive of referenceDirectives(linesOf(file).text)) {
      refused.push(at(file, directive.offset, `the grader does not follow \`/// <reference>\`: it reads the submission's files through their imports only (remove it, and import what the driver uses)`));
    }
    refused.push(...declaredOutside(file, join(outDir, ...file.replace(/\.(m|c)?ts$/, '.d.$1ts').split('/')), linesOf(file), at));
  }

  // 2. The check, of the files the entry reaches, suppression comments defused.
  for (const file of reached) {
    const text = linesOf(file).text;
    const defused = defuseSuppressions(text);
    if (defused !== text) writeFileSync(absolute(file), defused);
  }
  const checked = new Set(reached.map(absolute));
  writeProgram(join(staged.workDir, 'check.json'), [...checked], DRIVER_COMPILER_OPTIONS);
  const check = await runTsc(['-p', join(staged.workDir, 'check.json'), '--listFiles'], staged.root, tscLimits(TSC_OUTPUT_BYTES));
  const checkStopped = stopped(check, `${TSC_OUTPUT_BYTES / 1024} KB of errors`) ?? readOutside(check, checked);
  if (checkStopped !== null) return [...refused, ...checkStopped];
  const rewrites: Array<[string, string]> = [
    [`${root}/`, ''],
    [`${kernelTypesOf().dir}/`, 'spinlab/kernel/'],
    [`${toSlashes(libDir)}/`, ''],
    [`${toSlashes(staged.workDir)}/`, ''],
  ];
  const diagnostics = [...refused, ...parseTscOutput(check.output, { files: new Map(reached.map((file) => [file, linesOf(file)])), rewrites })];
  if (diagnostics.length === refused.length && check.exitCode !== 0) {
    // An error that names no file (a missing global type, say) is tsc's to tell; else it stopped.
    const general = fileLessErrors(check.output)[0];
    const crashed = /out of memory|cannot allocate/i.test(check.stderr.slice(0, 4096)) ? 'ran out of memory' : `stopped (${check.signal ?? `exit code ${String(check.exitCode)}`})`;
    diagnostics.push(...failure(general === undefined ? `the type-check ${crashed} before it reported anything` : rewritten(general, rewrites).slice(0, 500)));
  }
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    const rest = diagnostics.length - MAX_DIAGNOSTICS;
    return [...diagnostics.slice(0, MAX_DIAGNOSTICS), ...failure(`…and ${rest} more type errors`)];
  }
  return diagnostics;
}

/** The `declare module "…"` and `declare global` blocks in `file`'s declaration output `dts` (tsc's), at their place in the file. */
function declaredOutside(file: string, dts: string, lines: SourceLines, at: (file: string, offset: number, message: string) => Diagnostic): Diagnostic[] {
  if (!existsSync(dts)) return [at(file, 0, `tsc wrote no declarations for ${file}, so spinlab cannot tell what it declares`)];
  const text = readFileSync(dts, 'utf8');
  const found = findAugmentations(text);
  if (found.length === 0) return [];
  let map: SourceMap | null = null;
  try {
    const raw = JSON.parse(readFileSync(`${dts}.map`, 'utf8')) as { sources: string[]; mappings: string };
    map = new SourceMap({ ...raw, sourcesContent: raw.sources.map(() => lines.text) });
  } catch {
    // no map: the file's first line
  }
  const emitted = new SourceLines(text);
  return found.map((augmentation) => {
    const place = emitted.scriptPositionAt(augmentation.offset);
    const original = map?.original(place.line, place.column);
    const offset = original === null || original === undefined ? 0 : lines.offsetOf(original.line, original.column);
    const what = augmentation.kind === 'global' ? '`declare global` changes the types of the whole program' : `\`declare module ${augmentation.name ?? ''}\` changes another module's types`;
    return at(file, offset, `${what}: a driver may declare only its own names, checked against the kernel's and the language's types as they are`);
  });
}

/** Where `specifier` is next written as a string in `text` from `from` (else where it was written first, else 0). Three searches. */
function literalOffset(text: string, specifier: string, from: number): number {
  const found = ["'", '"', '`'].map((quote) => text.indexOf(`${quote}${specifier}${quote}`, from)).filter((offset) => offset >= 0);
  return found.length > 0 ? Math.min(...found) : from > 0 ? literalOffset(text, specifier, 0) : 0;
}
