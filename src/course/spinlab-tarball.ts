/**
 * The spinlab tarball a course's repositories install from (`vendor/`):
 * spinlab is not on the npm registry. Packed from this install by
 * scripts/pack.mjs in a clone of spinlab, or by `npm pack` of an installed
 * copy (whose manifest already has no scripts), or given by `--tarball`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageRoot } from '../rubric/catalog.js';
import { SpinlabError } from '../errors.js';

/**
 * Copies the spinlab tarball into `vendorDir` and returns its file name
 * (`spinlab-<version>.tgz`): `given` when set (checked to be a file named
 * `*.tgz`), else one packed from the running spinlab, as it is built. Throws
 * SPINLAB_USAGE for a `given` that is not a tarball, SPINLAB_INTERNAL when
 * packing fails.
 */
export function vendorTarball(vendorDir: string, given?: string): string {
  if (given !== undefined) {
    if (!existsSync(given) || !statSync(given).isFile() || !given.endsWith('.tgz')) {
      throw new SpinlabError('SPINLAB_USAGE', `--tarball ${given} is not a .tgz file`, 'make one with `npm run pack -- --out DIR` in a clone of spinlab');
    }
    copyFileSync(given, join(vendorDir, basename(given)));
    return basename(given);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'spinlab-course-pack-'));
  try {
    const packed = packInto(scratch);
    copyFileSync(packed, join(vendorDir, basename(packed)));
    return basename(packed);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Packs the running spinlab into `dir`; the tarball's path. */
function packInto(dir: string): string {
  const root = packageRoot();
  const script = join(root, 'scripts', 'pack.mjs');
  try {
    if (existsSync(script)) {
      // A clone: the script strips the scripts and devDependencies from the packed manifest. dist/ is used as built.
      const out = execFileSync(process.execPath, [script, '--no-build', '--out', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return out.trim().split('\n').at(-1)!;
    }
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: unknown };
    if (manifest.scripts !== undefined) throw new Error(`${root}/package.json declares scripts; pack it with scripts/pack.mjs`);
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return join(dir, (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    throw new SpinlabError(
      'SPINLAB_INTERNAL',
      `could not pack spinlab from ${root}: ${(stderr?.trim() || (error as Error).message).slice(0, 500)}`,
      'pack it yourself (`npm run pack -- --out DIR` in a clone of spinlab) and pass --tarball DIR/spinlab-<version>.tgz',
    );
  }
}
