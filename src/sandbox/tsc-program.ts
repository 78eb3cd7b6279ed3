/**
 * The program tsc is given: an explicit list of files — the submission's
 * TypeScript, the kernel's declaration files — with `noResolve`, so no
 * import, `/// <reference path>` or `/// <reference types>` adds a file to
 * it, `types: []` so no `@types` package joins it, and `libReplacement`
 * off so the standard library is TypeScript's own. A `package.json` beside
 * the submission ends tsc's search for one (it would otherwise read those of
 * the temporary folder's parents). tsc's own list of what it read
 * (`--listFiles`) is then checked against what was given.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INSTALL_ROOT } from '../host-paths.js';

/** The kernel's declaration files: the folder and every `.d.ts` in it (absolute, `/`). */
export interface KernelTypes {
  readonly dir: string;
  readonly index: string;
  readonly files: readonly string[];
}

let kernelTypes: KernelTypes | undefined;

/** `spinlab/kernel`'s declarations in the built package (dist/kernel), the guest side aside. */
export function kernelTypesOf(): KernelTypes {
  if (kernelTypes !== undefined) return kernelTypes;
  // The built dist/kernel, from the sources (tests) too.
  const dir = join(INSTALL_ROOT, 'dist/kernel');
  if (!existsSync(join(dir, 'index.d.ts'))) throw new Error(`spinlab's kernel declarations are missing in ${dir}: run npm run build`);
  const files: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'guest') visit(path);
      else if (entry.isFile() && entry.name.endsWith('.d.ts')) files.push(toSlashes(path));
    }
  };
  visit(dir);
  kernelTypes = { dir: toSlashes(dir), index: toSlashes(join(dir, 'index.d.ts')), files: files.sort() };
  return kernelTypes;
}

/** Writes tsconfig `config`: `options`, `noResolve`, the kernel mapped, exactly `files` and (with `withKernel`) the kernel's declarations. */
export function writeProgram(config: string, files: readonly string[], options: Record<string, unknown>, withKernel = true): void {
  const kernel = kernelTypesOf();
  const compilerOptions = { ...options, noResolve: true, types: [], libReplacement: false, paths: { 'spinlab/kernel': [kernel.index] } };
  writeFileSync(config, JSON.stringify({ compilerOptions, files: [...files, ...(withKernel ? kernel.files : [])] }));
  writeFileSync(join(dirname(config), 'package.json'), '{}\n');
}

/** The files tsc listed that are none of `given` and not in TypeScript's lib folder `libDir`. */
export function unexpectedFiles(listed: readonly string[], given: ReadonlySet<string>, libDir: string): string[] {
  const lib = `${toSlashes(libDir)}/`;
  return listed.map(toSlashes).filter((file) => !given.has(file) && !kernelTypesOf().files.includes(file) && !(file.startsWith(lib) && !file.slice(lib.length).includes('/')));
}

/** A path with `/` separators (as tsc prints them). */
export function toSlashes(path: string): string {
  return path.split('\\').join('/');
}
