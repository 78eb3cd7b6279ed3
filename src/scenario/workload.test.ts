import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../test/helpers/explore-fixture.js';
import { defineScenario, type FinalState, type ScenarioDefinition } from './index.js';

interface Writes {
  /** Per writer thread, the lengths of its writes. */
  readonly threads: number[][];
}

/** Writers on 1–4 CPUs, each 1–3 writes of 1–8 words: `record` sees each drawn workload, `check` judges each final state. */
function drawnWriters(record: (w: Writes) => void, check: (count: unknown, w: Writes) => boolean | string): ScenarioDefinition<Writes> {
  return defineScenario({
    title: 'writers drawn per schedule',
    cpus: 4,
    workload: (draw) => {
      const w = { threads: Array.from({ length: draw.int(1, 4) }, () => Array.from({ length: draw.int(1, 3) }, () => draw.int(1, 8))) };
      record(w);
      return w;
    },
    async run(sim, w) {
      const device = await sim.start();
      if (device === null) return;
      w.threads.forEach((lengths, t) =>
        sim.thread(`writer${t}`, t, async (thread) => {
          for (const length of lengths) await thread.write(device, new Array<number>(length).fill(1));
        }),
      );
      await sim.join();
    },
    invariants: { count: (s, w) => check(s.ext.Count, w) },
  });
}

const writesIn = (w: Writes): number => w.threads.flat().length;

describe('a scenario workload drawn per schedule', () => {
  it('is different from schedule to schedule (pct, seed 1, 20 schedules)', async () => {
    const drawn: Writes[] = [];
    await exploreFixture('counter', drawnWriters((w) => drawn.push(w), () => true), { schedules: 20, locate: false });
    expect(drawn).toHaveLength(20);
    expect(new Set(drawn.map((w) => JSON.stringify(w))).size).toBeGreaterThan(15);
    expect(new Set(drawn.map(writesIn)).size).toBeGreaterThan(3);
  });

  it('is the value run and every invariant get, and a counting driver meets it (pct, seed 2)', async () => {
    const drawn = new Set<Writes>();
    const run = await exploreFixture(
      'counter',
      drawnWriters(
        (w) => drawn.add(w),
        (count, w) => (drawn.has(w) && count === writesIn(w)) || `Count is ${String(count)}, expected ${writesIn(w)}`,
      ),
      { seed: 2, schedules: 30, locate: false },
    );
    expect(drawn.size).toBe(30);
    expect(run.findings('invariant')).toEqual([]);
  });

  it('sentBy gives each thread its own IRPs, in the order it sent them (pct, seed 4)', async () => {
    const seen: string[] = [];
    const byThread = (s: FinalState, w: Writes): boolean | string => {
      const got = w.threads.map((_, t) => s.sentBy(`writer${t}`).map((irp) => irp.buffer.length));
      seen.push(JSON.stringify(got));
      if (s.sentBy('nobody').length !== 0) return 'an unknown thread sent IRPs';
      return JSON.stringify(got) === JSON.stringify(w.threads) || `sentBy gave ${JSON.stringify(got)} for ${JSON.stringify(w.threads)}`;
    };
    const scenario = drawnWriters(() => {}, () => true);
    const run = await exploreFixture('counter', { ...scenario, invariants: { byThread } }, { seed: 4, schedules: 10, locate: false });
    expect(run.findings('invariant')).toEqual([]);
    expect(seen).toHaveLength(10);
  });

  it('fails an invariant that expects other than what the workload sent (pct, seed 2)', async () => {
    const run = await exploreFixture('counter', drawnWriters(() => {}, (count, w) => count === writesIn(w) + 1 || 'off by one'), { seed: 2, schedules: 5, locate: false });
    expect(run.findings('invariant').map((f) => f.name)).toEqual(['count']);
  });

  it.each([
    ['pct', 1],
    ['pct', 6],
    ['random', 3],
  ] as const)('is drawn again, exactly, when the failing schedule code is replayed (%s, seed %i)', async (strategy, seed) => {
    const drawn: Writes[] = [];
    // Always fails, with the workload as its message: the finding carries what the schedule drew.
    const scenario = drawnWriters((w) => drawn.push(w), (_count, w) => JSON.stringify(w));
    const explored = await exploreFixture('counter', scenario, { strategy, seed, schedules: 1 });
    const group = explored.result.groups.find((g) => g.finding.check === 'invariant');
    expect(group?.finding.message).toContain(JSON.stringify(drawn[0]));
    const replays = await Promise.all([1, 2].map(() => exploreFixture('counter', scenario, { strategy: 'replay', schedule: group!.code })));
    for (const replay of replays) {
      expect(replay.result.divergence).toBeNull();
      expect(replay.findings('invariant')[0]?.message).toBe(group!.finding.message);
    }
  });
});

describe('defineScenario and workload', () => {
  it('refuses a workload that is not a function, and keeps one that is', () => {
    const run = async (): Promise<void> => {};
    expect(() => defineScenario({ title: 't', run, workload: 3 } as unknown as ScenarioDefinition)).toThrow(/workload/);
    const workload = (): number => 1;
    expect(defineScenario({ title: 't', workload, run }).workload).toBe(workload);
  });
});
