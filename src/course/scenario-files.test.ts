import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioFiles } from './scenario-files.js';

function grader(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'spinlab-scenario-files-')), 'grader');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("the grader files a student's template gets", () => {
  it('is the scenario and the local files it imports, transitively, never the rest of the grader', () => {
    const dir = grader({
      'scenario.ts': "import { defineScenario } from 'spinlab/scenario';\nimport { draw } from './workload.js';\nimport './lib';\n",
      'workload.ts': "export { words } from './words.ts';\nexport const draw = 1;\n",
      'words.ts': 'export const words = [];\n',
      'lib/index.ts': "import '../scenario.ts';\n",
      'solution.ts': 'export const secret = 1;\n',
      'mutants/a.patch': '',
    });
    expect(scenarioFiles(dir)).toEqual(['lib/index.ts', 'scenario.ts', 'words.ts', 'workload.ts']);
  });

  it('skips an import that leaves the grader folder or names no file', () => {
    const dir = grader({ 'scenario.ts': "import '../outside.ts';\nimport './missing.js';\n", '../outside.ts': '' });
    expect(scenarioFiles(dir)).toEqual(['scenario.ts']);
  });
});
