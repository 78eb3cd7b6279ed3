/** Evaluates a compiled scenario module (trusted grader code, on the machine's side of the sandbox). */
import type { ScenarioDefinition } from '../scenario/index.js';

/** Evaluates a compiled scenario and returns its default export, checked. */
export async function loadScenario(code: string): Promise<ScenarioDefinition> {
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: unknown };
  const scenario = module.default as ScenarioDefinition | undefined;
  if (typeof scenario !== 'object' || scenario === null || typeof scenario.run !== 'function') {
    throw new Error('the scenario module must `export default defineScenario({ … })`');
  }
  return scenario;
}
