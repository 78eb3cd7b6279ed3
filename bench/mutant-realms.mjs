// Every mutant of every exercise, compiled and loaded in a vm realm, with its rubric and scenario,
// for the benchmarks that explore mutants in-process (the sandbox is not what they measure).
import { join } from 'node:path';
import { mutantPatches, readMutant, writeMutantFolder } from '../dist/grade/selftest.js';
import { listExercises } from '../dist/rubric/catalog.js';
import { loadRubric } from '../dist/rubric/load-rubric.js';
import { compileDriver } from '../dist/sandbox/compile.js';
import { compileScenario } from '../dist/sandbox/scenario-compile.js';
import { loadScenario } from '../dist/sandbox/scenario-load.js';
import { createVmRealm } from '../dist/sandbox/vm-realm.js';

/** The rubric.json of the grader folder `dir`, which must be exercise `id`'s. Throws when it does not load. */
export function graderRubric(dir, id) {
  const loaded = loadRubric(join(dir, 'rubric.json'), id);
  if (loaded.rubric === undefined) throw new Error(`${id}: ${loaded.errors.join('; ')}`);
  return loaded.rubric;
}

/** The loaded scenario.ts of the grader folder `dir` (of exercise `id`). Throws when it does not compile. */
export async function graderScenario(dir, id) {
  const compiled = await compileScenario(join(dir, 'scenario.ts'));
  if (!compiled.ok) throw new Error(`${id}: the scenario does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return loadScenario(compiled.code);
}

/** The vm realm of `source` compiled from a temporary folder as `student`, or null when it does not compile. */
export async function driverRealm(source, student) {
  const folder = writeMutantFolder(source, student);
  const compiled = await compileDriver(folder.file, folder.dir).finally(() => folder.remove());
  return compiled.ok ? createVmRealm(compiled.driver) : null;
}

/**
 * Yields { exercise, rubric, scenario, mutant, items, realm } for every mutant that compiles, in catalog
 * and file order: `items` are the rubric's items it must fail (not those it may fail, depending on the
 * schedule), type-check aside. `exercise`: that one only; `withItems`: skip mutants with no such items
 * before compiling them.
 */
export async function* mutantRealms({ exercise, withItems = false } = {}) {
  for (const ex of listExercises()) {
    if (exercise !== undefined && ex.id !== exercise) continue;
    const rubric = graderRubric(ex.graderDir, ex.id);
    const scenario = await graderScenario(ex.graderDir, ex.id);
    for (const path of mutantPatches(ex.graderDir)) {
      // The mutant's patch applied to solution.ts, compiled from a temporary folder as the student file.
      const mutant = readMutant(path);
      const fails = mutant.patch.header?.fails ?? [];
      const items = rubric.items.filter((item) => fails.includes(item.id) && item.check !== 'typecheck');
      if (withItems && items.length === 0) continue;
      const realm = await driverRealm(mutant.source, ex.student);
      if (realm === null) continue;
      yield { exercise: ex, rubric, scenario, mutant, items, realm };
    }
  }
}

/** explore()'s options for the rubric exploration `x` of `scenario` on `realm`, without locating findings. */
export function exploreOptions(realm, scenario, x) {
  const { timeLimit: _seconds, ...knobs } = x;
  return { driver: realm, scenario, ...knobs, locate: false };
}
