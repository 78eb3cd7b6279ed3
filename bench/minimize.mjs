// Minimized counterexamples: for every mutant of every exercise, the rubric's exploration, and
// for the first finding that costs the mutant one of its items, the explored schedule's size
// against the minimized one's (preemptions / interrupts+DPCs / steps), and what minimizing cost.
// Runs in-process on the vm realm (the sandbox is not what is measured).
import { explore } from '../dist/explore/index.js';
import { matches } from '../dist/rubric/score.js';
import { exploreOptions, mutantRealms } from './mutant-realms.mjs';

/** Rows: exercise, mutant, the finding, its sizes before and after, the runs it took; and what minimizing every finding cost. */
export async function benchMinimize({ exercise, onRow } = {}) {
  const rows = [];
  for await (const { exercise: ex, rubric, scenario, mutant, items, realm } of mutantRealms({ exercise })) {
    const reports = [];
    const result = await explore({ ...exploreOptions(realm, scenario, rubric.exploration), minimize: true, onMinimized: (m) => reports.push(m) });
    const group = result.groups.find((g) => items.some((item) => matches(item, g)));
    const report = group === undefined ? undefined : reports.find((m) => m.id === group.id);
    const row = {
      exercise: ex.id,
      mutant: mutant.name,
      finding: group?.id ?? null,
      outcome: report?.outcome ?? null,
      before: report?.before ?? null,
      after: report?.after ?? null,
      runs: report?.runs ?? 0,
      groups: reports.length,
      totalRuns: reports.reduce((n, m) => n + m.runs, 0),
      totalRunSteps: reports.reduce((n, m) => n + m.runSteps, 0),
      schedules: result.schedulesRun,
      steps: result.totals.steps,
    };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

const size = (s) => (s === null ? '—' : `${s.preemptions} / ${s.interrupts} / ${s.steps}`);

/** One line of `row`, for the console. */
export function minimizeLine(row) {
  if (row.finding === null) return `${row.exercise} ${row.mutant}: no finding of its items`;
  return `${row.exercise} ${row.mutant}: ${row.finding} ${size(row.before)} → ${size(row.after)} (${row.outcome}, ${row.runs} runs; all ${row.groups} findings ${row.totalRuns} runs)`;
}

/** The totals of `rows`: findings shrunk, the sums before and after, and what minimizing cost. */
export function minimizeTotals(rows) {
  const measured = rows.filter((row) => row.before !== null && row.after !== null);
  const sum = (side, key) => measured.reduce((n, row) => n + row[side][key], 0);
  const total = (key) => rows.reduce((n, row) => n + row[key], 0);
  const side = (name) => ({ preemptions: sum(name, 'preemptions'), interrupts: sum(name, 'interrupts'), steps: sum(name, 'steps') });
  return {
    mutants: rows.length,
    shrunk: rows.filter((row) => row.outcome === 'shrunk').length,
    before: side('before'),
    after: side('after'),
    runs: total('runs'),
    findings: total('groups'),
    allRuns: total('totalRuns'),
    schedules: total('schedules'),
    runSteps: total('totalRunSteps'),
    steps: total('steps'),
  };
}

/** A finding id cut to a table cell's width. */
const shorten = (id) => (id.length > 72 ? `${id.slice(0, 71)}…` : id);

const percent = (part, whole) => `${Math.round((part / Math.max(1, whole)) * 1000) / 10}%`;

/** One line: what minimizing cost over all `rows`. */
export function minimizeCost(rows) {
  const t = minimizeTotals(rows);
  return `minimizing all ${t.findings} findings took ${t.allRuns} candidate runs (${percent(t.allRuns, t.schedules)} of the ${t.schedules} explored schedules) and ${percent(t.runSteps, t.steps)} of the explored steps`;
}

/** The markdown table of `rows`. */
export function minimizeTable(rows) {
  const t = minimizeTotals(rows);
  const lines = [
    '| exercise | mutant | finding | preemptions | interrupts+DPCs | steps | runs |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => {
      if (row.finding === null) return `| ${row.exercise} | ${row.mutant} | — (no finding of its items) | | | | |`;
      const cell = (key) => (row.before === null ? `— (${row.outcome})` : row.after === null ? `${row.before[key]} (${row.outcome})` : `${row.before[key]} → ${row.after[key]}`);
      return `| ${row.exercise} | ${row.mutant} | \`${shorten(row.finding).replaceAll('|', '\\|')}\` | ${cell('preemptions')} | ${cell('interrupts')} | ${cell('steps')} | ${row.runs} |`;
    }),
    `| **all** | ${t.mutants} mutants | ${t.shrunk} shrunk | ${t.before.preemptions} → ${t.after.preemptions} | ${t.before.interrupts} → ${t.after.interrupts} | ${t.before.steps} → ${t.after.steps} | ${t.runs} |`,
  ];
  return lines.join('\n');
}
