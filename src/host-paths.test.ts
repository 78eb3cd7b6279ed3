import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTALL_ROOT, withoutHostPaths } from './host-paths.js';

describe('withoutHostPaths', () => {
  it('names the install, the temporary folder and the home folder by placeholders', () => {
    const text = `at ${join(INSTALL_ROOT, 'dist/sandbox/stage.js')}:3 (file://${INSTALL_ROOT}/x) in ${join(tmpdir(), 'spinlab-abc/submission')} from ${join(homedir(), 'class')}`;
    const clean = withoutHostPaths(text);
    expect(clean).toBe('at <spinlab>/dist/sandbox/stage.js:3 (file://<spinlab>/x) in <tmp>/spinlab-abc/submission from ~/class');
    expect(clean).not.toContain(INSTALL_ROOT);
    expect(clean).not.toContain(tmpdir());
  });

  it('leaves other text alone', () => {
    expect(withoutHostPaths('driver.ts:3: import of ./queue.js is not allowed')).toBe('driver.ts:3: import of ./queue.js is not allowed');
  });
});

describe('INSTALL_ROOT', () => {
  it('is the folder of spinlab’s package.json, from the sources and from the command-line bundle', () => {
    expect((JSON.parse(readFileSync(join(INSTALL_ROOT, 'package.json'), 'utf8')) as { name: string }).name).toBe('spinlab');
    // The bundle finds the same folder: `spinlab list --json`, run from elsewhere, lists the exercises beside it.
    const listed = execFileSync(process.execPath, [join(INSTALL_ROOT, 'bin/spinlab.js'), 'list', '--json'], { encoding: 'utf8', cwd: tmpdir() });
    expect(listed).toContain('01-initialize-lock');
  });
});
