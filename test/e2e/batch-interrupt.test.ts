/**
 * Ctrl+C in a batch: the results written so far stay whole, the batch says how
 * many are kept and how to go on, and `--resume` grades only the rest.
 */
import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, COURSE_GRADERS, ROOT, spinlab } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-interrupt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const out = join(work, 'results');
const args = ['batch', 'e2e-count', 'test/fixtures/class', '--graders', COURSE_GRADERS, '--no-typecheck', '--jobs', '1', '--out', out];

describe('a batch stopped with Ctrl+C', () => {
  it('says how many results are kept and how to resume; --resume grades the rest', async () => {
    const child = execa(process.execPath, [BIN, ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
    // Stop it once the first result is written.
    while (!(existsSync(out) && readdirSync(out).some((name) => name.endsWith('.json')))) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    const stopped = await child;
    expect(stopped.exitCode).toBe(130);
    const kept = Number(/stopped: (\d+) of 6 result\(s\) are kept/.exec(String(stopped.stderr))?.[1]);
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(String(stopped.stderr)).toContain('--resume');
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const resumed = await spinlab([...args, '--resume']);
    expect(resumed.exitCode).toBeLessThanOrEqual(1);
    expect(resumed.stderr).toContain(`resuming: ${kept} submission(s) already graded`);
    expect(readdirSync(out).filter((name) => name.endsWith('.json'))).toHaveLength(6);
  }, 180_000);
});
