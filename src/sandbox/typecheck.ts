/**
 * Type-checks a submission with `tsc --noEmit` (TypeScript 7, native),
 * strict, against the `spinlab/kernel` types. Diagnostics come back with
 * their place in the student's files.
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from './diagnostic.js';

const here = dirname(fileURLToPath(import.meta.url));
const kernelTypes = resolve(here, '../kernel/index.d.ts');
let tscExecutable: Promise<string> | undefined;

/** The native tsc executable of the installed TypeScript 7 (run directly: no node wrapper process). */
function tsc(): Promise<string> {
  tscExecutable ??= (async () => {
    const packageDir = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));
    const { default: getExePath } = (await import(pathToFileURL(join(packageDir, 'lib', 'getExePath.js')).href)) as { default: () => string };
    return getExePath();
  })();
  return tscExecutable;
}

/** Type-checks `entry` (and what it imports) inside `root`; returns the diagnostics in the student's files. */
export async function typecheckDriver(entry: string, root: string, lines: (file: string, line: number) => string | undefined): Promise<Diagnostic[]> {
  const dir = mkdtempSync(join(tmpdir(), 'spinlab-tsc-'));
  try {
    const config = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2023'],
        types: [],
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        paths: { 'spinlab/kernel': [kernelTypes] },
      },
      files: [entry],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
    const run = await execa(await tsc(), ['-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { reject: false, timeout: 60_000 });
    return parseTscOutput(`${run.stdout}\n${run.stderr}`, root, lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Turns tsc's `file(line,col): error TSnnnn: message` lines into diagnostics for files inside `root`. */
export function parseTscOutput(output: string, root: string, lines: (file: string, line: number) => string | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const text of output.split('\n')) {
    const match = LINE.exec(text.trim());
    if (match === null) continue;
    const path = resolve(match[1]!);
    if (!path.startsWith(root + sep)) continue;
    const file = relative(root, path).split(sep).join('/');
    const line = Number(match[2]);
    diagnostics.push({ kind: 'typecheck', file, line, column: Number(match[3]), code: match[4], message: match[5]!, source: lines(file, line) });
  }
  return diagnostics;
}
