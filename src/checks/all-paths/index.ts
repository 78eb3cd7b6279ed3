/** The all-paths rule: SDV's spin-lock pairing rules over every path of the student's functions. */
export { checkAllPaths, type AllPathsFinding, type AllPathsReport } from './lock-paths.js';
export type { StudentModule } from './program-index.js';
