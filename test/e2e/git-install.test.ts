/**
 * The second documented install: from a git URL. npm clones the repository,
 * installs its dependencies and runs `prepare` (the build), so a fresh
 * folder gets a working `spinlab` with dist/ built. Tested on the committed
 * HEAD of this clone (`git+file://`), as a course would name a tag on its
 * host (`git+https://…/spinlab.git#v0.1.0`).
 */
import { execa } from 'execa';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-git-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installing from a git URL', () => {
  it('builds dist/ through prepare and runs `spinlab list` in a fresh folder', async () => {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'fresh-course', private: true }));
    const install = await execa('npm', ['install', '-D', `git+file://${ROOT}`, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: work, reject: false });
    expect(install.exitCode, install.stderr).toBe(0);
    expect(existsSync(join(work, 'node_modules/spinlab/dist/sandbox-child.mjs'))).toBe(true);
    const list = await execa('npx', ['--no-install', 'spinlab', 'list'], { cwd: work, reject: false, env: { NO_COLOR: '1', SPINLAB_GRADERS: '' } });
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toContain('01-initialize-lock');
  }, 300_000);
});
