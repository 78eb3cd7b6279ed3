/** An exercise's scenario, compiled once per process (the grader's own code: a failure is every submission's, so it throws). */
import { join } from 'node:path';
import { SpinlabError } from '../errors.js';
import type { Exercise } from '../rubric/catalog.js';
import { compileScenario } from '../sandbox/scenario-compile.js';

const scenarioCache = new Map<string, Promise<string>>();

/** The compiled scenario of an exercise's grader (cached). Throws SPINLAB_SCENARIO_INVALID. */
export function scenarioCode(exercise: Exercise): Promise<string> {
  const file = join(exercise.graderDir, 'scenario.ts');
  let code = scenarioCache.get(file);
  if (code === undefined) {
    code = compileScenario(file).then((outcome) => {
      if (outcome.ok) return outcome.code;
      throw new SpinlabError(
        'SPINLAB_SCENARIO_INVALID',
        `the scenario of ${exercise.id} does not compile:\n  ${outcome.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n  ')}`,
      );
    });
    scenarioCache.set(file, code);
  }
  return code;
}
