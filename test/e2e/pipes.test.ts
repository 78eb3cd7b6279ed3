/**
 * A reader that goes away early (`spinlab list | head -1`) ends spinlab's
 * output, not spinlab: no EPIPE stack trace, no "internal error", and the
 * command's own exit code.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, COURSE_GRADERS, ROOT } from '../helpers/cli.js';

const ENV = { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' };

/** What a run gave: spinlab's own exit status (not the reader's), and what it printed. */
interface PipedRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command args`, collecting what it printed; `closeStdout` closes the read end of its stdout at once. */
function run(command: string, args: readonly string[], closeStdout: boolean): Promise<PipedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Destroyed before node has even started in the child: its first write is sure to meet EPIPE.
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** `spinlab …args` with its stdout's reader already gone. */
const withClosedStdout = (args: readonly string[]): Promise<PipedRun> => run(process.execPath, [BIN, ...args], true);

/** `spinlab …args | head -1` in bash with pipefail, so the status is spinlab's own unless spinlab failed. */
const throughHead = (args: readonly string[]): Promise<PipedRun> =>
  run('bash', ['-c', 'set -o pipefail; "$@" | head -1', 'bash', process.execPath, BIN, ...args], false);

/** No trace of the broken pipe on stderr. */
function expectQuiet(result: PipedRun): void {
  expect(result.stderr).not.toMatch(/EPIPE|Error|internal error/);
  expect(result.stderr).toBe('');
}

describe('stdout read by a reader that closes early', () => {
  for (const args of [['list'], ['list', '--json'], ['checks'], ['checks', '--json']]) {
    it(`spinlab ${args.join(' ')} with its reader gone exits 0, quietly`, async () => {
      const result = await withClosedStdout(args);
      expectQuiet(result);
      expect(result).toMatchObject({ code: 0, signal: null });
    });
  }

  // What a user types. Whether `head` is gone before spinlab's later writes depends on timing (it
  // usually is, as list writes a line at a time); the runs above take the timing out.
  it('spinlab list | head -1 prints the first exercise and exits 0', async () => {
    const result = await throughHead(['list']);
    expectQuiet(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^01-initialize-lock\s+\S.*\n$/);
  });

  it('spinlab check keeps its own exit code (1: below full marks) when its reader is gone', async () => {
    const result = await withClosedStdout(['check', 'e2e-count', 'test/fixtures/submissions/buggy', '--graders', COURSE_GRADERS, '--no-typecheck']);
    expectQuiet(result);
    expect(result).toMatchObject({ code: 1, signal: null });
  });
});
