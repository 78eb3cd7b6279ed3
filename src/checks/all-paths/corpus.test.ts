import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AstNode } from '../../sandbox/ast-walk.js';
import { parseTypeScriptSync } from '../../sandbox/typescript-module.js';
import { checkAllPaths, type AllPathsReport } from './lock-paths.js';
import type { StudentModule } from './program-index.js';

const ROOT = join(import.meta.dirname, '../../..');

/** Every .ts file under `dir` (relative to the repository). */
function tsFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) found.push(...tsFiles(path));
    else if (name.endsWith('.ts')) found.push(path);
  }
  return found.sort();
}

/** The rule over `files` as one submission; null when one does not parse (a compile-error fixture). */
function check(files: readonly string[]): AllPathsReport | null {
  const modules: StudentModule[] = [];
  for (const file of files) {
    try {
      const parsed = parseTypeScriptSync(file, readFileSync(join(ROOT, file), 'utf8'));
      modules.push({ file: relative(join(files[0]!, '..'), file), program: parsed.program as unknown as AstNode, code: parsed.code, lineOf: (p) => parsed.place(p).line });
    } catch {
      return null;
    }
  }
  return checkAllPaths(modules);
}

/** A submission per file, with the files beside it it imports (a folder's driver and its modules, a fixture driver and common.ts). */
function submissions(): string[][] {
  const all = [...tsFiles('graders'), ...tsFiles('exercises'), ...tsFiles('test/fixtures')].filter((f) => !f.endsWith('scenario.ts') && !f.includes('/mutants/'));
  return all.map((file) => {
    const folder = join(file, '..');
    const beside = all.filter((other) => other !== file && join(other, '..') === folder && readFileSync(join(ROOT, file), 'utf8').includes(`./${other.slice(folder.length + 1).replace(/\.ts$/, '')}`));
    return [file, ...beside];
  });
}

/** Fixtures that are wrong on purpose, with what the rule finds in them. */
const BUGGY: Record<string, string[]> = {
  'test/fixtures/all-paths/02-leak-on-undriven-path.ts': ['held-at-return'],
  'test/fixtures/drivers/awaits-forever.ts': ['release-not-held'],
  'test/fixtures/drivers/double-release.ts': ['release-not-held'],
  'test/fixtures/drivers/early-return.ts': ['held-at-return'],
  'test/fixtures/drivers/early-return-helper.ts': ['held-at-return'],
  // Leaks its lock only when ExAllocatePool2 fails (the fault runs' fixture): a path no plain schedule takes.
  'test/fixtures/drivers/pool-leak.ts': ['held-at-return'],
  'test/fixtures/drivers/wrong-old-irql.ts': ['irql-restore'],
};

describe('the all-paths rule over every solution, starter and fixture', () => {
  it('finds nothing in correct code, leaves no function undecided, and finds each planted bug', () => {
    let functions = 0;
    const found: Record<string, string[]> = {};
    for (const files of submissions()) {
      const report = check(files);
      if (report === null) continue;
      functions += report.functions;
      expect(report.undecided, files[0]).toEqual([]);
      if (report.findings.length > 0) found[files[0]!] = report.findings.map((f) => f.check);
    }
    expect(found).toEqual(BUGGY);
    expect(functions).toBeGreaterThan(400);
  });
});
