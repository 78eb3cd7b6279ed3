/**
 * The shim refuses a Node older than 20 before anything runs: one sentence
 * naming the version found and the one needed, exit 2. A real old Node
 * cannot be installed here, so the test fakes `process.versions.node` with a
 * module loaded before the shim (`node --import`), and checks that the shim
 * uses no syntax an older Node could not parse.
 */
import { execa } from 'execa';
import { parse } from 'acorn';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-node-version-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the shim as if Node were `version`. */
async function shimOn(version: string, args: readonly string[]) {
  const fake = join(work, `node-${version}.mjs`);
  writeFileSync(fake, `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} });\n`);
  return execa(process.execPath, ['--import', fake, BIN, ...args], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
}

describe('the Node version check', () => {
  it.each(['18.19.1', '16.20.2', '14.21.3'])('on Node %s: exit 2 with one sentence naming both versions, nothing else run', async (version) => {
    const run = await shimOn(version, ['grade', '01-initialize-lock', 'exercises/01-initialize-lock/driver.ts']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`spinlab: this is Node ${version}, and spinlab needs Node 20 or newer (https://nodejs.org).`);
  });

  it('stays out of the way on a supported Node (the real one, and a faked 20 and 22)', async () => {
    for (const version of [process.versions.node, '20.0.0', '22.11.0']) {
      const run = await shimOn(version, ['list', '--json']);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toContainEqual(expect.objectContaining({ id: '01-initialize-lock' }));
    }
    const version = await execa(process.execPath, [BIN, '--version'], { cwd: ROOT });
    expect(version.stdout).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('is written in syntax an older Node parses (no top-level await, `?.` or `??`)', () => {
    const source = readFileSync(BIN, 'utf8').replace(/^#!.*\n/, '');
    // ES2019 plus dynamic import() and import.meta: what Node 12.17+ reads as a module.
    const tokens: string[] = [];
    expect(() => parse(source, { ecmaVersion: 2020, sourceType: 'module', onToken: (token) => void tokens.push(token.type.label) })).not.toThrow();
    expect(tokens).toContain('import');
    expect(tokens.filter((label) => label === '?.' || label === '??')).toEqual([]);
    // The same parser does refuse top-level await, so the check above can fail.
    expect(() => parse('await import("x");', { ecmaVersion: 2020, sourceType: 'module' })).toThrow();
  });
});
