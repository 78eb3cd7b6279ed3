/**
 * The files of a grader a student may have: its scenario and the local files
 * the scenario imports (`./workload.ts`), transitively — never the rest of the
 * grader folder (solutions, mutants, notes), which stays private.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** Relative specifiers of `import … from './x'`, `import './x'` and `export … from './x'` in `source`. */
function localImports(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]!);
}

/**
 * The paths, relative to `graderDir`, of `scenario.ts` and every local file
 * it imports, transitively; an import that leaves the grader folder or names
 * no file is skipped (the bundler reports it when the scenario loads).
 */
export function scenarioFiles(graderDir: string): string[] {
  const found: string[] = [];
  const pending = ['scenario.ts'];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (found.includes(file)) continue;
    found.push(file);
    for (const specifier of localImports(readFileSync(join(graderDir, file), 'utf8'))) {
      const path = normalize(join(dirname(file), specifier));
      const candidates = [path, path.replace(/\.js$/, '.ts'), `${path}.ts`, join(path, 'index.ts')];
      const existing = candidates.find((candidate) => existsSync(join(graderDir, candidate)) && candidate.endsWith('.ts'));
      if (existing !== undefined && !relative('.', existing).startsWith('..')) pending.push(existing);
    }
  }
  return found.sort();
}
