// Bug-finding power: for every mutant of every exercise, the schedules each strategy needs
// to first detect it (median over ten seeds) and the share of seeds it catches within the
// rubric's budget. Runs in-process on the vm realm (the sandbox is not what is measured).
import { matches } from '../dist/rubric/score.js';
import { exploreOptions, mutantRealms } from './mutant-realms.mjs';
import { firstDetection, median, round } from './stats.mjs';

export const SEEDS = 10;
export const STRATEGIES = ['random', 'pct', 'dfs'];

/** Schedules to first detection of `items` (1-based) under `strategy` and `seed`, or null if not caught within the budget. */
function detection(realm, scenario, exploration, strategy, seed, items) {
  const options = { ...exploreOptions(realm, scenario, exploration), strategy, seed };
  return firstDetection(options, (group) => items.some((item) => matches(item, group)));
}

/** Rows: exercise, mutant, and per strategy the median schedules to detection and the share caught. */
export async function benchStrategies({ seeds = SEEDS, exercise, onRow } = {}) {
  const rows = [];
  for await (const { exercise: ex, rubric, scenario, mutant, items, realm } of mutantRealms({ exercise, withItems: true })) {
    const row = { exercise: ex.id, mutant: mutant.name, budget: rubric.exploration.schedules, strategies: {} };
    for (const strategy of STRATEGIES) {
      const hits = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const at = await detection(realm, scenario, rubric.exploration, strategy, seed, items);
        if (at !== null) hits.push(at);
      }
      row.strategies[strategy] = { median: median(hits), caught: hits.length / seeds };
    }
    rows.push(row);
    onRow?.(row);
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
      return `${r.median === null ? '—' : r.median} / ${round(r.caught * 100)}%`;
    });
    return `| ${row.exercise} | ${row.mutant} | ${row.budget} | ${cells.join(' | ')} |`;
  });
  const totals = STRATEGIES.map((s) => {
    const caught = rows.reduce((n, row) => n + row.strategies[s].caught, 0);
    return `${round((caught / Math.max(1, rows.length)) * 100)}%`;
  });
  return [head, rule, ...body, `| **all** | ${rows.length} mutants | | ${totals.map((t) => `caught ${t}`).join(' | ')} |`].join('\n');
}
