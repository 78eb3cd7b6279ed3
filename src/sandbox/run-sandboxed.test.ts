/**
 * The grader against a child that has been taken over (after the trusted
 * setup, so without the seal key): stand-ins from test/fixtures/sandbox-children
 * run under the real flags and confinement. The grader must believe none of
 * them and survive all of them.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import inspector from 'node:inspector';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confinement } from './confinement.js';
import { runSandboxed, type SandboxLimits } from './run-sandboxed.js';
import { SourceMap } from './source-map.js';

const children = resolve('test/fixtures/sandbox-children');
const canary = readFileSync('test/fixtures/canary.txt', 'utf8').trim().split(' ')[0]!;
const driver = { code: '', map: new SourceMap({ sources: [], mappings: '' }), root: children, files: [], stateParameter: '__spinlab_state', statements: [] };
const exploration = { strategy: 'pct' as const, seed: 1, schedules: 3, maxSteps: 100, depth: 3, bound: 2, faults: 0 };

const run = (child: string, limits: SandboxLimits = {}) => runSandboxed(driver, '', exploration, { timeoutMs: 20_000, ...limits, childEntry: resolve(children, child) });

let server: Server;
let connections = 0;
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  process.env.SPINLAB_TEST_PORT = String((server.address() as { port: number }).port);
});
afterAll(() => server.close());

describe('a taken-over sandbox child', () => {
  it('cannot forge a finished exploration without the seal', async () => {
    const outcome = await run('forges-done.mjs');
    expect(outcome).toMatchObject({ status: 'crashed', result: null, schedulesRun: 0, graderFault: false });
    expect(outcome.reason).toMatch(/not sealed/);
  });

  it('cannot forge one with a seal of its own', async () => {
    const outcome = await run('guesses-seal.mjs');
    expect(outcome).toMatchObject({ status: 'crashed', result: null, schedulesRun: 0 });
    expect(outcome.reason).toMatch(/seal does not match/);
  });

  it('gains nothing by leaving early', async () => {
    const outcome = await run('exits-early.mjs');
    expect(outcome).toMatchObject({ status: 'crashed', result: null, schedulesRun: 0 });
    expect(outcome.reason).toMatch(/exited before it finished \(code 0\)/);
  });

  it('cannot make the grader buffer an endless message', async () => {
    const outcome = await run('floods.mjs', { channel: { frameBytes: 1 << 20, totalBytes: 4 << 20 } });
    expect(outcome).toMatchObject({ status: 'crashed', result: null });
    expect(outcome.reason).toMatch(/longer than|more than/);
  });

  it('cannot signal the grader or open its inspector', async (context) => {
    const jail = await confinement();
    // Without its own PID namespace the child could name the grader's PID: a real kill would end this test run.
    if (!jail.namespaces || !jail.session) context.skip(`this machine cannot give the child its own PID namespace and session (${JSON.stringify(jail)})`);
    const outcome = await run('signals-grader.mjs');
    expect(outcome.status).toBe('crashed');
    expect(inspector.url()).toBeUndefined();
    expect(process.pid).toBeGreaterThan(0); // still here
  });

  it('reaches no network, file, process, worker or inspector', async () => {
    rmSync('/tmp/spinlab-sandbox-wrote', { force: true });
    const jail = await confinement();
    const outcome = await run('reaches-out.mjs');
    expect(outcome.status).toBe('crashed');
    const report = outcome.reason ?? '';
    for (const name of ['read canary', 'read passwd', 'write', 'spawn', 'worker', 'inspector']) expect(report).toContain(`${name}: refused`);
    expect(report).not.toContain(canary);
    expect(existsSync('/tmp/spinlab-sandbox-wrote')).toBe(false);
    if (jail.namespaces) {
      expect(report).toContain('loopback: refused');
      expect(report).toContain('registry: refused');
      expect(connections).toBe(0);
    }
  });
});
