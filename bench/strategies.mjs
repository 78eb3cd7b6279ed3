// Bug-finding power: for every mutant of every exercise, the schedules each strategy needs
// to first detect it (median over ten seeds) and the share of seeds it catches within the
// rubric's budget. Runs in-process on the vm realm (the sandbox is not what is measured).
import { join } from 'node:path';
import { explore } from '../dist/explore/index.js';
import { mutantPatches, readMutant, writeMutantFolder } from '../dist/grade/selftest.js';
import { listExercises } from '../dist/rubric/catalog.js';
import { loadRubric } from '../dist/rubric/load-rubric.js';
import { matches } from '../dist/rubric/score.js';
import { compileDriver } from '../dist/sandbox/compile.js';
import { compileScenario } from '../dist/sandbox/scenario-compile.js';
import { loadScenario } from '../dist/sandbox/scenario-load.js';
import { createVmRealm } from '../dist/sandbox/vm-realm.js';

export const SEEDS = 10;
export const STRATEGIES = ['random', 'pct', 'dfs'];

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Schedules to first detection of `items` (1-based), or null if not caught within the budget. */
async function firstDetection(realm, scenario, exploration, strategy, seed, items) {
  let found = null;
  await explore({
    driver: realm,
    scenario,
    strategy,
    seed,
    schedules: exploration.schedules,
    cpus: exploration.cpus,
    maxSteps: exploration.maxSteps,
    pctDepth: exploration.pctDepth,
    preemptionBound: exploration.preemptionBound,
    locate: false,
    stopWhen: (progress) => {
      if (progress.added.some((group) => items.some((item) => matches(item, group)))) found = progress.schedule + 1;
      return found !== null;
    },
  });
  return found;
}

/** Rows: exercise, mutant, and per strategy the median schedules to detection and the share caught. */
export async function benchStrategies({ seeds = SEEDS, exercise, onRow } = {}) {
  const rows = [];
  for (const ex of listExercises()) {
    if (exercise !== undefined && ex.id !== exercise) continue;
    const loaded = loadRubric(join(ex.graderDir, 'rubric.json'), ex.id);
    if (loaded.rubric === undefined) throw new Error(`${ex.id}: ${loaded.errors.join('; ')}`);
    const rubric = loaded.rubric;
    const compiledScenario = await compileScenario(join(ex.graderDir, 'scenario.ts'));
    if (!compiledScenario.ok) throw new Error(`${ex.id}: the scenario does not compile`);
    const scenario = await loadScenario(compiledScenario.code);
    for (const path of mutantPatches(ex.graderDir)) {
      // The mutant's patch applied to solution.ts, compiled from a temporary folder as the student file.
      const mutant = readMutant(path);
      const header = mutant.patch.header?.fails ?? [];
      const items = rubric.items.filter((item) => header.includes(item.id) && item.check !== 'typecheck');
      if (items.length === 0) continue;
      const folder = writeMutantFolder(mutant.source, ex.student);
      const compiled = await compileDriver(folder.file, folder.dir).finally(() => folder.remove());
      if (!compiled.ok) continue;
      const realm = await createVmRealm(compiled.driver);
      const row = { exercise: ex.id, mutant: mutant.name, budget: rubric.exploration.schedules, strategies: {} };
      for (const strategy of STRATEGIES) {
        const hits = [];
        for (let seed = 1; seed <= seeds; seed++) {
          const at = await firstDetection(realm, scenario, rubric.exploration, strategy, seed, items);
          if (at !== null) hits.push(at);
        }
        row.strategies[strategy] = { median: median(hits), caught: hits.length / seeds };
      }
      rows.push(row);
      onRow?.(row);
    }
  }
  return rows;
}

/** The markdown table of `rows`. */
export function strategyTable(rows) {
  const head = `| exercise | mutant | budget | ${STRATEGIES.map((s) => `${s}: median / caught`).join(' | ')} |`;
  const rule = `|---|---|---|${STRATEGIES.map(() => '---').join('|')}|`;
  const body = rows.map((row) => {
    const cells = STRATEGIES.map((s) => {
      const r = row.strategies[s];
      return `${r.median === null ? '—' : r.median} / ${Math.round(r.caught * 100)}%`;
    });
    return `| ${row.exercise} | ${row.mutant} | ${row.budget} | ${cells.join(' | ')} |`;
  });
  const totals = STRATEGIES.map((s) => {
    const caught = rows.reduce((n, row) => n + row.strategies[s].caught, 0);
    return `${Math.round((caught / Math.max(1, rows.length)) * 100)}%`;
  });
  return [head, rule, ...body, `| **all** | ${rows.length} mutants | | ${totals.map((t) => `caught ${t}`).join(' | ')} |`].join('\n');
}
