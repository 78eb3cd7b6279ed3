/** Evaluates a compiled scenario (trusted grader code, on the machine's side of the sandbox). */
import vm from 'node:vm';
import * as scenarioApi from '../scenario/index.js';
import type { ScenarioDefinition } from '../scenario/index.js';
import { SCENARIO_GLOBAL, SCENARIO_PARAMETER } from './bundle-format.js';

/** Evaluates a compiled scenario and returns its default export, checked. */
export async function loadScenario(code: string): Promise<ScenarioDefinition> {
  const script = new vm.Script(`(function (${SCENARIO_PARAMETER}) {\n${code}\nreturn ${SCENARIO_GLOBAL};\n})`, { filename: 'scenario.js' });
  const factory = script.runInThisContext() as (api: typeof scenarioApi) => { default?: unknown };
  const scenario = factory(scenarioApi).default as ScenarioDefinition | undefined;
  if (typeof scenario !== 'object' || scenario === null || typeof scenario.run !== 'function') {
    throw new Error('the scenario module must `export default defineScenario({ … })`');
  }
  return scenario;
}
