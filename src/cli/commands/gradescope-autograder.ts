/**
 * `spinlab gradescope-autograder <exercise> --out autograder.zip`: the zip a
 * Gradescope programming assignment takes as its autograder (files in
 * `src/gradescope/autograder-files.ts`): spinlab from a tarball (`--tarball`,
 * else packed from this install), a lockfile npm writes for it here, and the
 * exercise's graders, checked first like any grading's.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { SpinlabError } from '../../errors.js';
import { autograderFiles, autograderManifest } from '../../gradescope/autograder-files.js';
import { PINNED_NODE } from '../../gradescope/autograder-scripts.js';
import { writeZip } from '../../gradescope/zip-write.js';
import { findExercise, packageRoot } from '../../rubric/catalog.js';
import { writeAtomic } from '../atomic-write.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIo } from '../io.js';
import { usage } from '../options.js';
import { requireWritableFile } from '../output-paths.js';
import { setupFor } from '../setup.js';

/** Options of `spinlab gradescope-autograder`. */
export interface GradescopeAutograderFlags {
  /** Where the zip goes (default: autograder.zip). */
  readonly out?: string;
  /** A spinlab tarball to bundle (default: one packed from this install). */
  readonly tarball?: string;
  readonly graders?: string;
  /** The Node version setup.sh installs (default: {@link PINNED_NODE}). */
  readonly node?: string;
}

export async function runGradescopeAutograder(exerciseId: string, flags: GradescopeAutograderFlags, io: CommandIo): Promise<ExitCode> {
  const exercise = findExercise(exerciseId, { graders: flags.graders });
  // The rubric is checked whole here: a broken one must fail now, not on every student's upload.
  await setupFor(exercise, { graders: flags.graders });
  const nodeVersion = flags.node ?? PINNED_NODE;
  if (!/^20\.\d+\.\d+$/.test(nodeVersion)) throw usage(`--node must be a Node 20 version such as ${PINNED_NODE}, got \`${nodeVersion}\``);
  const out = resolve(flags.out ?? 'autograder.zip');
  requireWritableFile(out);
  const stage = mkdtempSync(join(tmpdir(), 'spinlab-autograder-'));
  try {
    const tarball = flags.tarball === undefined ? packTarball(stage) : existingTarball(flags.tarball);
    const tarballName = basename(tarball);
    copyFileSync(tarball, join(stage, tarballName));
    writeFileSync(join(stage, 'package.json'), autograderManifest(tarballName));
    npm(['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], stage, 'write the autograder\'s package-lock.json');
    const shipped = resolve(exercise.dir).startsWith(join(packageRoot(), 'exercises'));
    const files = autograderFiles({
      exerciseId: exercise.id,
      graderDir: exercise.graderDir,
      courseExerciseDir: shipped ? null : exercise.dir,
      tarballName,
      tarball: readFileSync(join(stage, tarballName)),
      lockfile: readFileSync(join(stage, 'package-lock.json'), 'utf8'),
      nodeVersion,
    });
    writeAtomic(out, writeZip(files));
    const graders = files.filter((file) => file.name.startsWith('graders/')).map((file) => file.name);
    io.out(`wrote ${out}: Node ${nodeVersion}, ${tarballName}, ${graders.join(', ')}\n`);
    io.err('upload it as the autograder of a Gradescope programming assignment (Configure Autograder → Zip file upload)\n');
    return ExitCode.Ok;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** A spinlab tarball packed from this install: by scripts/pack.mjs in a clone, else the installed package itself (its manifest is already the packed one). */
function packTarball(dest: string): string {
  const root = packageRoot();
  const script = join(root, 'scripts', 'pack.mjs');
  if (existsSync(script)) {
    const printed = execFileSync(process.execPath, [script, '--no-build', '--out', dest], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return printed.trim().split('\n').at(-1)!;
  }
  const printed = npm(['pack', '--json', '--pack-destination', dest], root, 'pack spinlab');
  return join(dest, (JSON.parse(printed) as Array<{ filename: string }>)[0]!.filename);
}

function existingTarball(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw usage(`--tarball ${file} is not a file`);
  if (!/^[\w.@-]+\.tgz$/.test(basename(file))) throw usage(`--tarball ${file}: expected a tarball named like spinlab-0.1.0.tgz (npm run pack writes one)`);
  return resolve(file);
}

/** Runs npm in `cwd` and returns its stdout; a failure is a SpinlabError naming `what` and npm's own words. */
function npm(args: readonly string[], cwd: string, what: string): string {
  try {
    return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const said = String((error as { stderr?: unknown }).stderr ?? error).trim().split('\n').slice(-3).join(' ');
    throw new SpinlabError('SPINLAB_USAGE', `npm could not ${what}: ${said}`, 'npm needs the registry (or its cache) to resolve spinlab\'s dependencies: check the network, then run the command again');
  }
}
