/** Runs a driver fixture (test/fixtures/drivers/<name>.ts) through the real compile → vm realm → explore path. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/checks/index.js';
import { explore, type ExploreOptions, type ExploreResult } from '../../src/explore/index.js';
import type { ScenarioDefinition } from '../../src/scenario/index.js';
import { compileDriver, type CompiledDriver } from '../../src/sandbox/compile.js';
import { toSourceSite } from '../../src/sandbox/source-site.js';
import { createVmRealm } from '../../src/sandbox/vm-realm.js';

const drivers = fileURLToPath(new URL('../fixtures/drivers/', import.meta.url));

/** A fixture's exploration, with helpers to read its findings. */
export interface FixtureRun {
  readonly result: ExploreResult;
  readonly driver: CompiledDriver;
  /** Every distinct finding of `check` (first occurrences). */
  findings(check: string): Finding[];
  /** The TypeScript line of a finding's site (or undefined). */
  line(finding: Finding): number | undefined;
  /** The TypeScript line of a finding's related site `index`. */
  relatedLine(finding: Finding, index: number): number | undefined;
}

/** Compiles fixture `name` and explores it under `scenario`. */
export async function exploreFixture(
  name: string,
  scenario: ScenarioDefinition,
  options: Partial<Omit<ExploreOptions, 'driver' | 'scenario'>> = {},
): Promise<FixtureRun> {
  return exploreDriverFile(join(drivers, `${name}.ts`), drivers, scenario, options);
}

/** Compiles the driver at `entry` (its imports resolved within `root`) and explores it under `scenario` (pct, seed 1, 60 schedules unless `options` say otherwise). */
export async function exploreDriverFile(
  entry: string,
  root: string,
  scenario: ScenarioDefinition,
  options: Partial<Omit<ExploreOptions, 'driver' | 'scenario'>> = {},
): Promise<FixtureRun> {
  const compiled = await compileDriver(entry, root);
  if (!compiled.ok) throw new Error(`${entry} does not compile: ${compiled.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ')}`);
  const driver = compiled.driver;
  const result = await explore({ driver: await createVmRealm(driver), scenario, strategy: 'pct', seed: 1, schedules: 60, ...options });
  if (result.undecided.length > 0) throw new Error(`undecided schedules: ${result.undecided.map((u) => `schedule ${u.schedule}: ${u.cause}: ${u.stack || u.message}`).join('\n')}`);
  return {
    result,
    driver,
    findings: (check) => result.groups.filter((g) => g.finding.check === check).map((g) => g.finding),
    line: (finding) => toSourceSite(driver, finding.site)?.line,
    relatedLine: (finding, index) => toSourceSite(driver, finding.related?.[index]?.site)?.line,
  };
}

/** The 1-based line of fixture `name` marked with `// @finding` (or another `// @marker`). */
export function markedLine(name: string, marker = 'finding'): number {
  const lines = readFileSync(join(drivers, `${name}.ts`), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`// @${marker}`));
  if (index < 0) throw new Error(`fixture ${name} has no // @${marker} marker`);
  return index + 1;
}

/** The check ids that found something. */
export function checksFound(run: FixtureRun): string[] {
  return [...new Set(run.result.groups.map((g) => g.finding.check))].sort();
}

/** A schedule code of the ABBA fixture that deadlocks (pct, seed 5). */
export async function abbaFixture(): Promise<string> {
  const { readersWriters } = await import('../fixtures/scenarios/index.js');
  const run = await exploreFixture('abba', readersWriters(), { seed: 5, schedules: 40 });
  const group = run.result.groups.find((g) => g.finding.check === 'deadlock');
  if (group === undefined) throw new Error('the ABBA fixture did not deadlock with pct seed 5');
  return group.code;
}
