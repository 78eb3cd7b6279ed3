#!/usr/bin/env node
// Builds dist/: esbuild transpiles every source file (no bundling), tsc writes the declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// dist/ is overwritten in place (not removed first), so a process using it is never left without it.
const entryPoints = sources(src);
await build({
  entryPoints,
  outdir: join(root, 'dist'),
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
const { bundleGuest } = await import(join(root, 'dist/sandbox/guest-build.js'));
const guest = await bundleGuest(join(root, 'dist/kernel/guest/realm-entry.js'));
writeFileSync(join(root, 'dist/guest.js'), guest);
// The sandbox child is one file with the guest inlined: it may read nothing else, so code that ever
// escaped the vm realm could not load a second copy of spinlab's modules, let alone patch the running one.
await build({
  entryPoints: [join(root, 'dist/sandbox/child.js')],
  outfile: join(root, 'dist/sandbox-child.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  plugins: [
    {
      name: 'inline-guest',
      setup(builder) {
        builder.onResolve({ filter: /\/guest-bundle\.js$/ }, () => ({ path: 'guest-bundle', namespace: 'inline-guest' }));
        builder.onLoad({ filter: /.*/, namespace: 'inline-guest' }, () => ({
          contents: `export async function guestBundle() { return ${JSON.stringify(guest)}; }`,
          loader: 'js',
        }));
      },
    },
  ],
});
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
console.log(`spinlab: built ${entryPoints.length} modules into ${relative(process.cwd(), join(root, 'dist')) || 'dist'}`);
