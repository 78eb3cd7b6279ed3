#!/usr/bin/env node
// For exercise authors while developing a grader: explore one driver file under one scenario
// and print every distinct finding with its TypeScript location. Uses dist/ (run `npm run build` first).
//   node scripts/dev-explore.mjs <driver.ts> <scenario.ts> [--strategy pct] [--schedules 300] [--seed 1] [--cpus 4] [--max-steps 20000]
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { explore } from '../dist/explore/index.js';
import { compileDriver } from '../dist/sandbox/compile.js';
import { compileScenario } from '../dist/sandbox/scenario-compile.js';
import { loadScenario } from '../dist/sandbox/scenario-load.js';
import { toSourceSite } from '../dist/sandbox/source-site.js';
import { createVmRealm } from '../dist/sandbox/vm-realm.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { strategy: { type: 'string', default: 'pct' }, schedules: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' }, cpus: { type: 'string' }, 'max-steps': { type: 'string', default: '20000' } },
});
const [driverFile, scenarioFile] = positionals.map((p) => resolve(p));
if (!driverFile || !scenarioFile) {
  console.error('usage: node scripts/dev-explore.mjs <driver.ts> <scenario.ts> [--strategy pct|random|dfs] [--schedules N] [--seed S] [--cpus N]');
  process.exit(2);
}
const compiled = await compileDriver(driverFile, dirname(driverFile));
if (!compiled.ok) {
  for (const d of compiled.diagnostics) console.log(`compile error ${d.file}:${d.line}:${d.column}: ${d.message}`);
  process.exit(1);
}
const scenarioCode = await compileScenario(scenarioFile);
if (!scenarioCode.ok) {
  for (const d of scenarioCode.diagnostics) console.log(`scenario error ${d.file}:${d.line}:${d.column}: ${d.message}`);
  process.exit(1);
}
const scenario = await loadScenario(scenarioCode.code);
const started = performance.now();
const result = await explore({
  driver: await createVmRealm(compiled.driver),
  scenario,
  strategy: values.strategy,
  seed: Number(values.seed),
  schedules: Number(values.schedules),
  cpus: values.cpus === undefined ? undefined : Number(values.cpus),
  maxSteps: Number(values['max-steps']),
});
const ms = Math.round(performance.now() - started);
console.log(`${result.strategy} seed ${result.seed}: ${result.schedulesRun} schedules, ${result.totals.kernelCalls} kernel calls, ${ms} ms${result.exhausted === null ? '' : `, exhausted: ${result.exhausted}`}`);
for (const u of result.undecided) console.log(`UNDECIDED schedule ${u.schedule} (${u.cause}${u.invariant === undefined ? '' : ` ${u.invariant}`}): ${u.stack || u.message}`);
if (result.groups.length === 0) console.log('no findings');
for (const group of result.groups) {
  const f = group.finding;
  const at = toSourceSite(compiled.driver, f.site);
  console.log(`\n${f.check}  [${group.schedules.length}/${result.schedulesRun} schedules]  ${at ? `${at.file}:${at.line}:${at.column}` : '(no site)'}  ${f.rule}`);
  console.log(`  ${f.message}`);
  for (const r of f.related ?? []) {
    const rat = toSourceSite(compiled.driver, r.site);
    console.log(`  related: ${r.label} ${rat ? `${rat.file}:${rat.line}` : ''}`);
  }
  console.log(`  key: ${group.id}`);
}
