/**
 * Type-checks a staged submission with `tsc --noEmit` (TypeScript 7,
 * native), strict, against the `spinlab/kernel` types. Diagnostics come back
 * with their place in the student's files.
 *
 * tsc reads only the staged copy: references that would lead out of it are
 * refused first (`reference-scan.ts`). It runs under the grading's time
 * limit, an address-space cap where `prlimit` exists, and an output cap.
 * Suppression comments (`@ts-ignore`, `@ts-expect-error`, `@ts-nocheck`)
 * are inert: the copy tsc reads has them defused, so the errors they would
 * hide are reported and cost the type-check item.
 */
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from './diagnostic.js';
import { scanProgram } from './reference-scan.js';
import type { StagedSubmission } from './stage.js';

const here = dirname(fileURLToPath(import.meta.url));
const kernelTypes = resolve(here, '../kernel/index.d.ts');
let tscExecutable: Promise<string> | undefined;

/** Limits on one type-check. */
export interface TypecheckLimits {
  /** Wall clock (default 60 s). */
  readonly timeoutMs?: number;
  /** Memory, in MB (default 512): the Go runtime's soft limit, and twice it (at least 1 GB) as a hard address-space cap. */
  readonly memoryMb?: number;
}

/** tsc output kept; past it the check is stopped and fails. */
export const TSC_OUTPUT_BYTES = 256 * 1024;

/** Diagnostics reported at most (the rest are summed up in one). */
export const MAX_DIAGNOSTICS = 50;

/** The native tsc executable of the installed TypeScript 7 (run directly: no node wrapper process). */
function tsc(): Promise<string> {
  tscExecutable ??= (async () => {
    const packageDir = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));
    const { default: getExePath } = (await import(pathToFileURL(join(packageDir, 'lib', 'getExePath.js')).href)) as { default: () => string };
    return getExePath();
  })();
  return tscExecutable;
}

/** The compiler options a driver is type-checked with, by the grader and by the student's editor alike. */
export const DRIVER_COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  target: 'es2022',
  module: 'esnext',
  moduleResolution: 'bundler',
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

/** Type-checks the staged submission; returns the diagnostics in the student's files. */
export async function typecheckDriver(staged: StagedSubmission, lines: (file: string, line: number) => string | undefined, limits: TypecheckLimits = {}): Promise<Diagnostic[]> {
  const entry = relative(staged.root, staged.entry).split(sep).join('/');
  const files = new Set(staged.files);
  const pathOf = (file: string) => join(staged.root, ...file.split('/'));
  const refused = scanProgram(staged.root, entry, (file) => (files.has(file) ? readFileSync(pathOf(file), 'utf8') : undefined));
  if (refused.length > 0) return refused;
  for (const file of staged.files) {
    const text = readFileSync(pathOf(file), 'utf8');
    const defused = defuseSuppressions(text);
    if (defused !== text) writeFileSync(pathOf(file), defused);
  }

  const config = join(staged.workDir, 'tsconfig.json');
  writeFileSync(config, JSON.stringify({ compilerOptions: { ...DRIVER_COMPILER_OPTIONS, paths: { 'spinlab/kernel': [kernelTypes] } }, files: [staged.entry] }));
  const memoryMb = limits.memoryMb ?? 512;
  const timeoutMs = limits.timeoutMs ?? 60_000;
  const command = [await tsc(), '-p', config, '--pretty', 'false', '--singleThreaded'];
  const capped = existsSync('/usr/bin/prlimit') ? ['/usr/bin/prlimit', `--as=${Math.max(1024, memoryMb * 2) * 1024 * 1024}`, '--', ...command] : command;
  const run = await execa(capped[0]!, capped.slice(1), {
    reject: false,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: TSC_OUTPUT_BYTES,
    env: { GOMEMLIMIT: `${memoryMb}MiB` },
    stdin: 'ignore',
  });
  const failure = (message: string): Diagnostic[] => [{ kind: 'typecheck', file: entry, line: 1, column: 1, code: 'SPINLAB', message }];
  if (run.timedOut) return failure(`the type-check did not finish within ${timeoutMs / 1000} s (a type that is pathologically deep or wide?)`);
  if (run.isMaxBuffer) return failure(`the type-check printed more than ${TSC_OUTPUT_BYTES / 1024} KB of errors`);
  const diagnostics = parseTscOutput(`${run.stdout}\n${run.stderr}`, staged.root, lines);
  if (diagnostics.length === 0 && run.exitCode !== 0) {
    const crashed = /out of memory|cannot allocate/i.test(String(run.stderr)) ? 'ran out of memory' : `stopped (${run.signal ?? `exit code ${String(run.exitCode)}`})`;
    return failure(`the type-check ${crashed} before it reported anything`);
  }
  if (diagnostics.length > MAX_DIAGNOSTICS) {
    const rest = diagnostics.length - MAX_DIAGNOSTICS;
    return [...diagnostics.slice(0, MAX_DIAGNOSTICS), { kind: 'typecheck', file: entry, line: 1, column: 1, code: 'SPINLAB', message: `…and ${rest} more type errors` }];
  }
  return diagnostics;
}

/** `// @ts-ignore` → `// @ts_ignore` (the same length, so every place stays where it was). */
export function defuseSuppressions(text: string): string {
  return text.replace(/@ts-(?=(?:ignore|expect-error|nocheck)\b)/gi, '@ts_');
}

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Turns tsc's `file(line,col): error TSnnnn: message` lines into diagnostics for files inside `root`. */
export function parseTscOutput(output: string, root: string, lines: (file: string, line: number) => string | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let last: { message: string } | null = null;
  for (const text of output.split('\n')) {
    // An indented line elaborates the error above it ("Type 'Promise<KIRQL>' is not assignable to type 'number'.").
    if (last !== null && /^\s+\S/.test(text)) {
      last.message += `\n${text.trimEnd()}`;
      continue;
    }
    last = null;
    const match = LINE.exec(text.trim());
    if (match === null) continue;
    const path = resolve(match[1]!);
    if (!path.startsWith(root + sep)) continue;
    const file = relative(root, path).split(sep).join('/');
    const line = Number(match[2]);
    const diagnostic = { kind: 'typecheck' as const, file, line, column: Number(match[3]), code: match[4], message: match[5]!, source: lines(file, line) };
    diagnostics.push(diagnostic);
    last = diagnostic;
  }
  return diagnostics;
}
