/** Evaluates a compiled scenario (trusted grader code, on the machine's side of the sandbox). */
import vm from 'node:vm';
import * as scenarioApi from '../scenario/index.js';
import type { ScenarioDefinition } from '../scenario/index.js';
import { SCENARIO_GLOBAL, SCENARIO_PARAMETER } from './bundle-format.js';

/** The file name a loaded scenario's stack frames give (`scenario.js:line:column`). */
export const SCENARIO_SCRIPT = 'scenario.js';

/** The line of the script that holds the compiled scenario's first line (one wrapper line comes before it). */
export const SCENARIO_FIRST_LINE = 2;

/** Evaluates a compiled scenario and returns its default export, checked. */
export async function loadScenario(code: string): Promise<ScenarioDefinition> {
  const script = new vm.Script(`(function (${SCENARIO_PARAMETER}) {\n${code}\nreturn ${SCENARIO_GLOBAL};\n})`, { filename: SCENARIO_SCRIPT });
  const factory = script.runInThisContext() as (api: typeof scenarioApi) => { default?: unknown };
  const scenario = factory(scenarioApi).default as ScenarioDefinition | undefined;
  if (typeof scenario !== 'object' || scenario === null || typeof scenario.run !== 'function') {
    throw new Error('the scenario module must `export default defineScenario({ … })`');
  }
  return scenario;
}
