/** Runs the built CLI (bin/spinlab.js) as a user would, and normalizes what varies between runs. */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/spinlab.js', import.meta.url));
export const COURSE_GRADERS = 'test/fixtures/course/graders';

/** What a CLI run gave. */
export interface CliRun {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `spinlab …args` from the repository root (colors off). */
export async function spinlab(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): Promise<CliRun> {
  const run = await execa(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    reject: false,
    timeout: options.timeout ?? 120_000,
    env: { NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...options.env },
  });
  return { exitCode: run.exitCode, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/** A result JSON with its `timing` removed (the only part allowed to vary). */
export function withoutTiming(json: string): unknown {
  const data = JSON.parse(json) as { timing?: unknown };
  delete data.timing;
  return data;
}

/**
 * A report with what differs between two gradings of one submission made
 * equal: the times (JSON `timing`, Gradescope's `execution_time`, JUnit's
 * `time`: 0) and GitHub's random stop-commands token.
 */
export function comparable(report: string): string {
  return report
    .replace(/"(compileMs|typecheckMs|exploreMs|totalMs|execution_time)": \d+/g, '"$1": 0')
    .replace(/ time="\d+\.\d{3}"/g, ' time="0.000"')
    .replace(/^(::stop-commands::|::)[0-9a-f]{32}(::)?$/gm, '$1TOKEN$2');
}
