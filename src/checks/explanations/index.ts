/** What `spinlab explain` says about each check. */
export { EXPLANATIONS } from './by-check.js';
export type { Example, ExampleScenario, Explanation } from './explanation.js';
