// The hunt: for every program of bench/hunt/ (hunt-programs.mjs), the schedules each strategy needs to
// first fail the program's assertion item on its buggy original — only that item counts, never a data
// race or lock-order finding on the way — as the median over seeds 1–10 and how many seeds find it
// within the budget (10,000 schedules by default). dfs and idb are systematic: the programs draw no
// random value, so every seed explores the same schedules; they run once, for all ten. Only the item's
// check runs: the others only observe (the schedules are the same, about 2.5× faster).
import { CHECKS } from '../dist/checks/index.js';
import { STRATEGY_NAMES } from '../dist/explore/strategy.js';
import { exploreOptions } from './mutant-realms.mjs';
import { failsItem, huntProgramNames, huntRealm, loadHuntProgram } from './hunt-programs.mjs';
import { SCTBENCH_PUBLISHED } from './hunt-published.mjs';
import { firstDetection, median } from './stats.mjs';

export const HUNT_SEEDS = 10;
export const HUNT_BUDGET = 10_000;
/**
 * dfs and idb search iteratively — bound 0, then 1, then 2 … — so a larger largest bound changes no
 * detection a smaller one makes; the hunt lets them go on up to 8 (past any budget's reach here) so that
 * a bug needing 3 or 4 preemptions or delays is found within the budget, as iterative bounding intends.
 */
export const HUNT_LARGEST_BOUND = 8;

/** The table's columns: a strategy and its parameters (the contract's `depth`, with the older `pctDepth` beside it). */
export const HUNT_COLUMNS = [
  { name: 'random', strategy: 'random', options: {} },
  { name: 'pct d=1', strategy: 'pct', options: { depth: 1, pctDepth: 1 } },
  { name: 'pct d=2', strategy: 'pct', options: { depth: 2, pctDepth: 2 } },
  { name: 'pct d=3', strategy: 'pct', options: { depth: 3, pctDepth: 3 } },
  { name: 'dfs', strategy: 'dfs', options: { bound: HUNT_LARGEST_BOUND }, systematic: true },
  { name: 'idb', strategy: 'idb', options: { bound: HUNT_LARGEST_BOUND }, systematic: true },
];

/** The columns explore() can run; `onNote` hears of each it cannot (a strategy it does not know yet). */
function runnableColumns(onNote) {
  const known = new Set(STRATEGY_NAMES);
  return HUNT_COLUMNS.filter((column) => {
    if (known.has(column.strategy)) return true;
    onNote?.(`${column.name}: skipped — explore() has no strategy \`${column.strategy}\` in this build`);
    return false;
  });
}

/**
 * Rows, one per program: its assertion item, SCTBench's published outcome (or null), the seconds it
 * took, and per column { median (schedules, 1-based; null when no seed found it), worst (the most
 * any seed needed, when every seed found it; else null), found (seeds of `seeds`), seeds, systematic }. `budget`: schedules per seed; `programs`: names to run (default all).
 */
export async function benchHunt({ seeds = HUNT_SEEDS, budget = HUNT_BUDGET, programs, onRow, onNote } = {}) {
  const columns = runnableColumns(onNote);
  const rows = [];
  for (const name of programs ?? huntProgramNames()) {
    const started = performance.now();
    const program = await loadHuntProgram(name);
    const realm = await huntRealm(program, program.buggy);
    const checks = CHECKS.filter((check) => check.id === program.item.check);
    const row = { program: name, item: program.item.id, check: program.item.check, budget, sctbench: SCTBENCH_PUBLISHED[name] ?? null, strategies: {} };
    for (const column of columns) {
      const hits = [];
      for (let seed = 1; seed <= (column.systematic ? 1 : seeds); seed++) {
        const options = { ...exploreOptions(realm, program.scenario, program.rubric.exploration), strategy: column.strategy, seed, schedules: budget, checks, minimize: false, ...column.options };
        const at = await firstDetection(options, (group) => failsItem(program.item, group));
        if (at !== null) hits.push(at);
      }
      const found = column.systematic ? (hits.length > 0 ? seeds : 0) : hits.length;
      // The worst seed, when every seed found it: what "within N schedules on every seed" needs.
      const worst = !column.systematic && hits.length === seeds ? Math.max(...hits) : null;
      row.strategies[column.name] = { median: median(hits), worst, found, seeds, systematic: column.systematic === true };
    }
    row.seconds = Math.round((performance.now() - started) / 100) / 10;
    rows.push(row);
    onRow?.(row);
  }
  return { columns: columns.map((c) => c.name), rows };
}

/** One program's figures on a line. */
export function huntLine(row) {
  const cells = Object.entries(row.strategies).map(([name, r]) => `${name} ${huntCell(r)}`);
  return `${row.program} [${row.item}]: ${cells.join(', ')}  — ${row.seconds} s`;
}

/** The markdown table of a hunt run. */
export function huntTable({ columns, rows }) {
  const head = `| program | assertion item | ${columns.join(' | ')} | SCTBench (published) |`;
  const rule = `|---|---|${columns.map(() => '---').join('|')}|---|`;
  const body = rows.map((row) => {
    const cells = columns.map((name) => huntCell(row.strategies[name]));
    return `| ${row.program} | \`${row.item}\` (${row.check}) | ${cells.join(' | ')} | ${row.sctbench ?? 'paper not at hand'} |`;
  });
  return [head, rule, ...body].join('\n');
}

/** A strategy's figures for one program: `15 (max 40, 10/10)`, `— (0/10)`. */
function huntCell(r) {
  return `${r.median ?? '—'} (${r.worst === null || r.worst === undefined ? '' : `max ${r.worst}, `}${r.found}/${r.seeds})`;
}
