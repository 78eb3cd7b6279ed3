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
/** The guest inlined into a bundle (what dist/guest.js holds), so the bundle reads no file for it. */
const inlineGuest = {
  name: 'inline-guest',
  setup(builder) {
    builder.onResolve({ filter: /\/guest-bundle\.js$/ }, () => ({ path: 'guest-bundle', namespace: 'inline-guest' }));
    builder.onLoad({ filter: /.*/, namespace: 'inline-guest' }, () => ({
      contents: `export async function guestBundle() { return ${JSON.stringify(guest)}; }`,
      loader: 'js',
    }));
  },
};
/** What every bundle shares: one ESM file for Node 20, the guest inlined. */
const bundled = { bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', plugins: [inlineGuest] };
// The sandbox child is one file with the guest inlined: it may read nothing else, so code that ever
// escaped the vm realm could not load a second copy of spinlab's modules, let alone patch the running one.
await build({ ...bundled, entryPoints: [join(root, 'dist/sandbox/child.js')], outfile: join(root, 'dist/sandbox-child.mjs') });
// The command line and the grading worker are bundled too, with their dependencies (esbuild and typescript
// aside, which find their own files): Node resolves, reads and links one file instead of some five hundred
// modules, which made up most of every command's start-up (importing `spinlab check`'s modules: 350 → 115 ms).
for (const [entry, outfile] of [['dist/cli/main.js', 'dist/spinlab-cli.mjs'], ['dist/grade/grading-worker.js', 'dist/grading-worker.mjs']]) {
  await build({
    ...bundled,
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    external: ['esbuild', 'typescript'],
    // The CommonJS dependencies (ajv) require Node's own modules.
    banner: { js: "import { createRequire as __spinlabCreateRequire } from 'node:module'; const require = __spinlabCreateRequire(import.meta.url);" },
  });
}
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
console.log(`spinlab: built ${entryPoints.length} modules into ${relative(process.cwd(), join(root, 'dist')) || 'dist'}`);
