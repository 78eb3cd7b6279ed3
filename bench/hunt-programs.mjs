// The bench of hard bugs: classic buggy concurrent programs (SCTBench, CHESS) ported as drivers under
// bench/hunt/<program>/ — scenario.ts, rubric.json, solution.ts (the fixed program), bug.patch (which
// makes solution.ts the buggy original; its `# fails:` header names the program's assertion item) and
// README.md. Loaded in-process like the graders' mutants (bench/mutant-realms.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMutantPatch, parseMutantPatch } from '../dist/grade/mutant-patch.js';
import { referenceErrors } from '../dist/rubric/references.js';
import { matches } from '../dist/rubric/score.js';
import { judgedNames } from '../dist/scenario/index.js';
import { driverRealm, graderRubric, graderScenario } from './mutant-realms.mjs';

/** bench/hunt/. */
export const HUNT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'hunt');

/** The programs of the bench: the folders of bench/hunt/ that hold a scenario.ts, sorted. */
export function huntProgramNames() {
  return readdirSync(HUNT_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(HUNT_DIR, entry.name, 'scenario.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** The rubric's exercise id for program `name` (`hunt-` and the name in kebab case). */
export function huntExerciseId(name) {
  return `hunt-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/**
 * Program `name`, read and checked: its rubric (whose references must name the scenario's invariants
 * and assertions), its scenario, the solution's and the buggy original's sources, and `item`, the
 * rubric item the bug patch's `# fails:` names (the program's assertion). Throws on anything missing.
 */
export async function loadHuntProgram(name) {
  const dir = join(HUNT_DIR, name);
  const id = huntExerciseId(name);
  const rubric = graderRubric(dir, id);
  const scenario = await graderScenario(dir, id);
  const errors = referenceErrors(rubric, { invariants: judgedNames(scenario) });
  if (errors.length > 0) throw new Error(`${name}: ${errors.join('; ')}`);
  const solution = readFileSync(join(dir, 'solution.ts'), 'utf8');
  const patch = parseMutantPatch(readFileSync(join(dir, 'bug.patch'), 'utf8'), `${name}/bug`);
  const fails = patch.header?.fails ?? [];
  if (fails.length !== 1) throw new Error(`${name}: bug.patch must name exactly one item in its \`# fails:\` line (the program's assertion)`);
  const item = rubric.items.find((candidate) => candidate.id === fails[0]);
  if (item === undefined) throw new Error(`${name}: bug.patch names item \`${fails[0]}\`, which rubric.json does not have`);
  const buggy = applyMutantPatch(patch, solution);
  return { name, dir, rubric, scenario, item, solution, buggy, description: patch.description };
}

/** The vm realm of `source` (a program's solution or its buggy original). Throws when it does not compile. */
export async function huntRealm(program, source) {
  const realm = await driverRealm(source, 'driver.ts');
  if (realm === null) throw new Error(`${program.name}: the driver does not compile`);
  return realm;
}

/** Whether the finding group `group` is a failure of `item` (a real one: not an invariant a stopped schedule never reached). */
export function failsItem(item, group) {
  return matches(item, group) && group.finding.unreached !== true;
}
