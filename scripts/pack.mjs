#!/usr/bin/env node
// `npm run pack [-- --out DIR]`: the tarball a course installs (`npm i -D ./spinlab-<version>.tgz`).
// It is packed from a staging copy whose manifest has no scripts and no devDependencies: the repository's
// `prepare` (which builds dist/ when spinlab is installed from a git URL) names scripts/build.mjs, which the
// tarball does not ship, and npm would warn of it on every install of the tarball.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 && args[outIndex + 1] !== undefined ? args[outIndex + 1] : root);
const skipBuild = args.includes('--no-build');

if (!skipBuild) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const stage = mkdtempSync(join(tmpdir(), 'spinlab-pack-'));
try {
  for (const entry of [...manifest.files, 'README.md', 'LICENSE']) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  const { scripts: _scripts, devDependencies: _dev, ...packed } = manifest;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(packed, null, 2)}\n`);
  mkdirSync(out, { recursive: true });
  const result = execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [{ filename }] = JSON.parse(result);
  process.stdout.write(`${join(out, filename)}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
