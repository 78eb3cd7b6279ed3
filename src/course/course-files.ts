/**
 * The files both course repositories share: an exercise's student folder,
 * a manifest, the line-ending and ignore files, and a README made from
 * templates/course/. Paths to spinlab's JSON schemas are rewritten to the
 * installed package (`node_modules/spinlab/schemas/`), where an editor finds
 * them in the course repository.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Exercise } from '../rubric/catalog.js';
import { packageRoot } from '../rubric/catalog.js';

/** `$schema` of a file two folders down a course repository (`graders/<id>/rubric.json`), for the schema file `name`. */
export function installedSchema(name: string): string {
  return `../../node_modules/spinlab/schemas/${name}`;
}

/** `text` with a `"$schema": "…/<name>.schema.json"` pointed at the installed package; other text unchanged. */
export function withInstalledSchema(text: string): string {
  return text.replace(/("\$schema"\s*:\s*")([^"]*\.schema\.json)(")/, (_all, before: string, path: string, after: string) => `${before}${installedSchema(basename(path))}${after}`);
}

/** Writes `text` to `file`, making its folder. */
export function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Copies the exercise's student folder to `repo/exercises/<id>/` (no node_modules), its manifest's `$schema` pointed at the package. */
export function copyExerciseFolder(exercise: Exercise, repo: string): void {
  const target = join(repo, 'exercises', exercise.id);
  cpSync(exercise.dir, target, { recursive: true, filter: (source) => basename(source) !== 'node_modules' });
  const manifest = join(target, 'exercise.json');
  writeFileSync(manifest, withInstalledSchema(readFileSync(manifest, 'utf8')));
}

/** A course repository's package.json: spinlab from `vendor/<tarball>`, its graders in `graders/`. */
export function courseManifest(name: string, tarball: string): string {
  const manifest = {
    name,
    private: true,
    description: 'A spinlab course repository (made by `spinlab init-course`)',
    engines: { node: '>=20' },
    scripts: { check: 'spinlab check' },
    devDependencies: { spinlab: `file:vendor/${tarball}` },
    spinlab: { graders: 'graders' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `.gitattributes`: LF everywhere, whatever a Windows checkout's `core.autocrlf` says. */
export const GITATTRIBUTES = '* text=auto eol=lf\n';

/** `.gitignore` of a course repository, plus `extra` lines. */
export function gitignore(extra: readonly string[] = []): string {
  return ['node_modules/', ...extra, ''].join('\n');
}

/** templates/course/<name> with `__EXERCISES__` (a markdown list of the ids) and `__FIRST__` (the first id) filled in. */
export function readmeFrom(name: string, exercises: readonly Exercise[]): string {
  const template = readFileSync(join(packageRoot(), 'templates', 'course', name), 'utf8');
  return template
    .replaceAll('__EXERCISES__', exercises.map((e) => `- \`${e.id}\`: ${e.title}`).join('\n'))
    .replaceAll('__FIRST__', exercises[0]!.id);
}
