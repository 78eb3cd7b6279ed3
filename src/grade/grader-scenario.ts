/**
 * An exercise's scenario (graders/<id>/scenario.ts) as the grader uses it:
 * compiled once per process for the sandbox, and evaluated here too — it is
 * the grader's trusted code — so a rubric's invariant names can be checked
 * against the invariants it really declares before anything is graded.
 */
import { join } from 'node:path';
import { SpinlabError } from '../errors.js';
import type { Exercise } from '../rubric/catalog.js';
import type { ScenarioDefinition } from '../scenario/index.js';
import { compileScenario } from '../sandbox/scenario-compile.js';
import { loadScenario } from '../sandbox/scenario-load.js';

/** A grader's compiled scenario. */
export interface GraderScenario {
  /** graders/<id>/scenario.ts, absolute. */
  readonly file: string;
  /** The compiled script the sandbox loads (with an inline source map). */
  readonly code: string;
}

const compiled = new Map<string, Promise<GraderScenario>>();
const loaded = new Map<string, Promise<ScenarioDefinition>>();

/** The compiled scenario of an exercise's grader (cached). Throws SPINLAB_SCENARIO_INVALID when it does not compile. */
export function graderScenario(exercise: Exercise): Promise<GraderScenario> {
  const file = join(exercise.graderDir, 'scenario.ts');
  let scenario = compiled.get(file);
  if (scenario === undefined) {
    scenario = compileScenario(file).then((outcome) => {
      if (outcome.ok) return { file, code: outcome.code };
      throw new SpinlabError(
        'SPINLAB_SCENARIO_INVALID',
        `the scenario of ${exercise.id} does not compile:\n  ${outcome.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n  ')}`,
      );
    });
    compiled.set(file, scenario);
  }
  return scenario;
}

/** The compiled scenario's code (see {@link graderScenario}). */
export async function scenarioCode(exercise: Exercise): Promise<string> {
  return (await graderScenario(exercise)).code;
}

/**
 * The scenario's definition, evaluated in this process (cached). Throws
 * SPINLAB_SCENARIO_INVALID when it does not compile, or does not load (its
 * module throws, or does not `export default defineScenario({ … })`).
 */
export function scenarioDefinition(exercise: Exercise): Promise<ScenarioDefinition> {
  const file = join(exercise.graderDir, 'scenario.ts');
  let definition = loaded.get(file);
  if (definition === undefined) {
    definition = graderScenario(exercise).then((scenario) =>
      loadScenario(scenario.code).catch((error: unknown) => {
        throw new SpinlabError(
          'SPINLAB_SCENARIO_INVALID',
          `the scenario of ${exercise.id} does not load: ${error instanceof Error ? error.message : String(error)}`,
          `fix ${file}: it must \`export default defineScenario({ … })\` (docs/authors.md)`,
          { cause: error },
        );
      }),
    );
    loaded.set(file, definition);
  }
  return definition;
}
