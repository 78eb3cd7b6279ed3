import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { explore, type ExploreResult } from '../explore/index.js';
import { compileDriver } from '../sandbox/compile.js';
import { createVmRealm } from '../sandbox/vm-realm.js';
import { defineScenario, type ScenarioDefinition } from './index.js';

const drivers = fileURLToPath(new URL('../../test/fixtures/drivers/', import.meta.url));
let realm: Awaited<ReturnType<typeof createVmRealm>>;

beforeAll(async () => {
  const compiled = await compileDriver(join(drivers, 'counter.ts'), drivers);
  if (!compiled.ok) throw new Error('the counter fixture does not compile');
  realm = await createVmRealm(compiled.driver);
});

/** Four writers of one write each, with `tweak` applied to the workload and the invariants. */
function writers(tweak: { throwIn?: 'run' | 'thread'; when?: (schedule: number) => boolean; invariants?: ScenarioDefinition['invariants'] } = {}): ScenarioDefinition {
  let schedule = -1;
  return defineScenario({
    title: 'four writers',
    cpus: 4,
    async run(sim) {
      schedule++;
      const fails = tweak.when?.(schedule) ?? true;
      const device = await sim.start();
      if (device === null) return;
      for (const cpu of sim.cpus) {
        sim.thread(`writer${cpu}`, cpu, async (t) => {
          await t.write(device, [1]);
          if (fails && tweak.throwIn === 'thread' && cpu === 2) throw new RangeError('thread body failed');
        });
      }
      if (fails && tweak.throwIn === 'run') throw new TypeError('run failed');
      await sim.join();
    },
    invariants: tweak.invariants ?? { count: (s) => s.ext.Count === 4 || `Count is ${String(s.ext.Count)}` },
  });
}

const run = (scenario: ScenarioDefinition): Promise<ExploreResult> => explore({ driver: realm, scenario, strategy: 'pct', seed: 1, schedules: 6 });
const invariantNames = (result: ExploreResult) => result.groups.filter((g) => g.finding.check === 'invariant').map((g) => g.finding.name);

describe('a schedule the grader cannot decide', () => {
  it('is undecided when the scenario’s run throws: the scenario’s fault, with what it threw and where', async () => {
    const result = await run(writers({ throwIn: 'run' }));
    expect(result.undecided.map((u) => u.schedule)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.undecided[0]).toMatchObject({ cause: 'scenario', message: 'TypeError: run failed' });
    expect(result.undecided[0]!.stack).toContain('run.test.ts');
    // No invariant is judged on it, as failing or as passing.
    expect(invariantNames(result)).toEqual([]);
  });

  it('is undecided when a thread body of the scenario throws', async () => {
    const result = await run(writers({ throwIn: 'thread' }));
    expect(result.undecided).toHaveLength(6);
    expect(result.undecided[0]).toMatchObject({ cause: 'scenario', message: 'RangeError: thread body failed' });
  });

  it('is undecided when an invariant throws, named; the other invariants are still judged', async () => {
    const result = await run(
      writers({
        invariants: {
          count: (s) => s.ext.Count === 5 || `Count is ${String(s.ext.Count)}, expected 5`,
          broken: (s) => (s.ext.Queue as unknown as { Count: number }).Count === 0,
        },
      }),
    );
    expect(result.undecided).toHaveLength(6);
    expect(result.undecided[0]).toMatchObject({ cause: 'invariant', invariant: 'broken' });
    expect(result.undecided[0]!.message).toMatch(/^TypeError: /);
    // The throwing invariant is neither a finding nor a pass; `count` still fails on its own evidence.
    expect(invariantNames(result)).toEqual(['count']);
  });

  it('leaves the other schedules decided when only some throw', async () => {
    const result = await run(writers({ throwIn: 'run', when: (schedule) => schedule % 3 === 1 }));
    expect(result.schedulesRun).toBe(6);
    expect(result.undecided.map((u) => u.schedule)).toEqual([1, 4]);
  });

  it('stays silent on a scenario and invariants that do not throw', async () => {
    const result = await run(writers());
    expect(result.undecided).toEqual([]);
    expect(result.groups).toEqual([]);
  });
});
