import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { defineScenario, judgedNames, type AssertCondition, type ScenarioDefinition } from './index.js';

/** Two writers of `writes` writes each; after each, writer `asserter` asserts `condition(mine)` (its writes so far) as `mine-counted`. */
function writers(writes: number, condition: (mine: number) => AssertCondition, asserter = 'writer0'): ScenarioDefinition {
  return defineScenario({
    title: 'two writers, one asserting after each write',
    cpus: 2,
    assertions: ['mine-counted', 'never-made'],
    async run(sim) {
      const device = await sim.start();
      if (device === null) return;
      for (const cpu of [0, 1]) {
        sim.thread(`writer${cpu}`, cpu, async (t) => {
          for (let mine = 1; mine <= writes; mine++) {
            await t.write(device, [1]);
            if (`writer${cpu}` === asserter) t.assert('mine-counted', condition(mine));
          }
        });
      }
      await sim.join();
    },
    invariants: { total: (s) => s.ext.Count === 2 * writes || `Count is ${String(s.ext.Count)}` },
  });
}

const invariantFindings = (run: Awaited<ReturnType<typeof exploreFixture>>) => run.findings('invariant').filter((f) => f.unreached !== true);

describe('an assertion in the middle of a thread', () => {
  it('reports a failure under its name, with its message and thread, and the thread goes on (random, seed 1)', async () => {
    const run = await exploreFixture('counter', writers(2, () => (s) => s.ext.Count === 0 || `Count is ${String(s.ext.Count)} after my write`), { strategy: 'random', schedules: 5 });
    const failures = invariantFindings(run);
    // The thread continued after its failed assertion: both writes were made, and the final invariant holds.
    expect(failures.map((f) => f.name)).toEqual(['mine-counted']);
    expect(failures[0]!.message).toMatch(/^Invariant `mine-counted` failed: Count is [12] after my write \(asserted in writer0\)/);
    expect(failures[0]!.message).toContain('ext.Count was last written by DispatchWrite');
    expect(run.result.checks.invariant.schedulesFailed).toBe(5);
  });

  it('is silent when it holds in every schedule (a correct counter: my writes are counted once they complete; random, seed 2)', async () => {
    const run = await exploreFixture('counter', writers(3, (mine) => (s) => Number(s.ext.Count) >= mine || 'lost'), { strategy: 'random', seed: 2, schedules: 80, locate: false });
    expect(invariantFindings(run)).toEqual([]);
  });

  it('judges the schedule it is in: "nobody else wrote yet" fails in some schedules only, and its failing schedule replays (random, seed 3)', async () => {
    const scenario = writers(1, () => (s) => s.ext.Count === 1 || `the other writer got in first (Count ${String(s.ext.Count)})`);
    const run = await exploreFixture('counter', scenario, { strategy: 'random', seed: 3, schedules: 60, locate: false });
    const summary = run.result.checks.invariant;
    expect(summary.schedulesFailed).toBeGreaterThan(0);
    expect(summary.schedulesFailed).toBeLessThan(60);
    const replay = await exploreFixture('counter', scenario, { strategy: 'replay', schedule: summary.first!.code });
    expect(replay.result.divergence).toBeNull();
    expect(invariantFindings(replay).map((f) => f.name)).toEqual(['mine-counted']);
  });

  it('takes a plain boolean (on what an IRP returned) and the message given', async () => {
    const scenario = defineScenario({
      title: 'one write, its IRP judged',
      assertions: ['completed-ok'],
      async run(sim) {
        const device = await sim.start();
        if (device === null) return;
        sim.thread('writer', 0, async (t) => {
          const irp = await t.write(device, [1, 2]);
          t.assert('completed-ok', irp.completed && irp.status !== 0, `the write completed with status ${irp.status}`);
        });
        await sim.join();
      },
    });
    const run = await exploreFixture('counter', scenario, { schedules: 2, locate: false });
    expect(invariantFindings(run).map((f) => [f.name, f.message])).toEqual([['completed-ok', 'Invariant `completed-ok` failed: the write completed with status 0 (asserted in writer)']]);
  });

  it('an assertion not yet failed when a schedule stops (a bug check) fails as never reached, as an invariant does', async () => {
    const run = await exploreFixture('recursive', writers(1, () => true), { schedules: 3, locate: false });
    const unreached = run.findings('invariant').filter((f) => f.unreached === true).map((f) => f.name);
    expect(unreached).toEqual(expect.arrayContaining(['mine-counted', 'never-made', 'total']));
    expect(invariantFindings(run)).toEqual([]);
  });

  it('an undeclared name is the scenario’s bug: the schedule is undecided, never the driver’s failure', async () => {
    const scenario = defineScenario({
      title: 'asserts a name it never declared',
      assertions: ['declared'],
      async run(sim) {
        const device = await sim.start();
        if (device === null) return;
        sim.thread('writer', 0, async (t) => {
          await t.write(device, [1]);
          t.assert('undeclared', true);
        });
        await sim.join();
      },
    });
    await expect(exploreFixture('counter', scenario, { schedules: 1, locate: false })).rejects.toThrow(/scenario: TypeError: assert: `undeclared` is not one of the scenario's `assertions` \(declared\)/);
  });
});

describe('sim.assert and sim.join(thread)', () => {
  /** A writes once; B writes twice. The boot thread joins A alone, asserts on its write, notes whether B was done yet, then joins B. */
  function joinOne(seenBDone: boolean[]): ScenarioDefinition {
    return defineScenario({
      title: 'join one thread, then the other',
      cpus: 2,
      assertions: ['a-counted', 'all-counted'],
      async run(sim) {
        const device = await sim.start();
        if (device === null) return;
        let bDone = false;
        const a = sim.thread('a', 0, async (t) => void (await t.write(device, [1])));
        const b = sim.thread('b', 1, async (t) => {
          await t.write(device, [1]);
          await t.write(device, [1]);
          bDone = true;
        });
        await sim.join(a);
        seenBDone.push(bDone);
        sim.assert('a-counted', (s) => Number(s.ext.Count) >= 1 || `Count is ${String(s.ext.Count)} after A finished`);
        await sim.join(b);
        await sim.join(a); // a thread that has finished: returns at once
        sim.assert('all-counted', (s) => s.ext.Count === 3 || `Count is ${String(s.ext.Count)}, expected 3`);
      },
    });
  }

  it('join(thread) waits for that thread only: B is sometimes still running, A has always finished (random, seed 4)', async () => {
    const seen: boolean[] = [];
    const run = await exploreFixture('counter', joinOne(seen), { strategy: 'random', seed: 4, schedules: 40, locate: false });
    expect(invariantFindings(run)).toEqual([]);
    expect(run.findings('invariant').filter((f) => f.name === 'progress')).toEqual([]);
    expect(seen).toHaveLength(40);
    expect(seen).toContain(true);
    expect(seen).toContain(false);
  });

  it('sim.assert fires on a driver that loses an update (split-counter), silent on one that does not (counter; random, seed 5)', async () => {
    const bad = await exploreFixture('split-counter', joinOne([]), { strategy: 'random', seed: 5, schedules: 200, locate: false });
    expect(invariantFindings(bad).map((f) => f.name)).toEqual(['all-counted']);
    const good = await exploreFixture('counter', joinOne([]), { strategy: 'random', seed: 5, schedules: 200, locate: false });
    expect(invariantFindings(good)).toEqual([]);
  });

  it('join refuses what is not a thread handle', async () => {
    const scenario = defineScenario({
      title: 'joins a string',
      async run(sim) {
        await sim.join('a' as never);
      },
    });
    await expect(exploreFixture('counter', scenario, { schedules: 1, locate: false })).rejects.toThrow(/join\(thread\): pass what sim.thread returned/);
  });
});

describe('declaring assertions', () => {
  const run = async (): Promise<void> => {};
  it('judgedNames gives the built-ins, the invariants and the assertions (what a rubric item may name)', () => {
    const scenario = defineScenario({ title: 't', run, invariants: { total: () => true }, assertions: ['mid'] });
    expect(judgedNames(scenario)).toEqual(['progress', 'irps-completed', 'setup', 'total', 'mid']);
  });

  it('refuses assertions that are not names, or that clash with an invariant or a built-in', () => {
    expect(() => defineScenario({ title: 't', run, assertions: 'mid' as never })).toThrow(/`assertions` must be an array of names/);
    expect(() => defineScenario({ title: 't', run, assertions: [''] })).toThrow(/`assertions` must be an array of names/);
    expect(() => defineScenario({ title: 't', run, invariants: { total: () => true }, assertions: ['total'] })).toThrow(/assertion `total` is declared twice, or is also an invariant/);
    expect(() => defineScenario({ title: 't', run, assertions: ['progress'] })).toThrow(/assertion `progress`/);
    expect(() => defineScenario({ title: 't', run, assertions: ['a', 'a'] })).toThrow(/assertion `a` is declared twice/);
  });
});
