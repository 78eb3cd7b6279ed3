/**
 * Runs the native tsc of the installed TypeScript 7 on a program spinlab
 * wrote, under limits: a wall clock, the Go runtime's soft memory limit and
 * — where `prlimit` exists — a hard address-space cap and a cap on the size
 * of any file it writes, single-threaded, with its output capped, no
 * inherited environment and no stdin.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

let tscExecutable: Promise<string> | undefined;

/** The native tsc executable (run directly: no node wrapper process). */
export function tscPath(): Promise<string> {
  tscExecutable ??= (async () => {
    const packageDir = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));
    const { default: getExePath } = (await import(pathToFileURL(join(packageDir, 'lib', 'getExePath.js')).href)) as { default: () => string };
    return getExePath();
  })();
  return tscExecutable;
}

/** TypeScript's own lib files (`lib.es2023.d.ts`…), beside the executable. */
export async function tscLibDir(): Promise<string> {
  return dirname(await tscPath());
}

/** Limits on one tsc run. */
export interface TscLimits {
  /** Wall clock, in ms. */
  readonly timeoutMs: number;
  /** Memory, in MB: the Go runtime's soft limit, and twice it (at least 1 GB) as a hard address-space cap. */
  readonly memoryMb: number;
  /** stdout and stderr kept, in bytes; past it the run is stopped. */
  readonly outputBytes: number;
}

/** Largest file a tsc run may write (a declaration file), where `prlimit` exists. */
export const TSC_FILE_BYTES = 16 * 1024 * 1024;

/** How a tsc run ended. */
export interface TscRun {
  readonly output: string;
  readonly stderr: string;
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly timedOut: boolean;
  readonly tooMuchOutput: boolean;
}

/** Runs tsc with `args` in folder `cwd`. */
export async function runTsc(args: readonly string[], cwd: string, limits: TscLimits): Promise<TscRun> {
  const command = [await tscPath(), ...args, '--pretty', 'false', '--singleThreaded'];
  const caps = [`--as=${Math.max(1024, limits.memoryMb * 2) * 1024 * 1024}`, `--fsize=${TSC_FILE_BYTES}`];
  const capped = existsSync('/usr/bin/prlimit') ? ['/usr/bin/prlimit', ...caps, '--', ...command] : command;
  const run = await execa(capped[0]!, capped.slice(1), {
    cwd,
    reject: false,
    timeout: limits.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: limits.outputBytes,
    env: { GOMEMLIMIT: `${limits.memoryMb}MiB` },
    extendEnv: false,
    stdin: 'ignore',
  });
  return {
    output: String(run.stdout),
    stderr: String(run.stderr),
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    tooMuchOutput: run.isMaxBuffer,
  };
}
