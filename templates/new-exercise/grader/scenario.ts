import { defineScenario } from 'spinlab/scenario';

/** One writer thread: the CPU it runs on, and how many writes it sends. */
interface Writer {
  readonly cpu: number;
  readonly writes: number;
}

export default defineScenario({
  title: '2–4 writers on CPUs of their own, 2–4 writes each',
  cpus: 4,
  // Drawn anew for every schedule (replayed exactly from its schedule code), before the driver runs:
  // the driver cannot know the final Count in advance, it has to count.
  workload(draw): Writer[] {
    const cpus = draw.shuffle([0, 1, 2, 3]).slice(0, draw.int(2, 4));
    return cpus.map((cpu) => ({ cpu, writes: draw.int(2, 4) }));
  },
  async run(sim, writers) {
    const device = await sim.start();
    if (device === null) return;
    for (const { cpu, writes } of writers) {
      sim.thread(`writer${cpu}`, cpu, async (t) => {
        for (let i = 0; i < writes; i++) await t.write(device, [1]);
      });
    }
    await sim.join();
  },
  invariants: {
    // Judged against what this schedule sent, never against a constant.
    count: (s, writers) => {
      const sent = writers.reduce((n, w) => n + w.writes, 0);
      return s.ext.Count === sent || `Count is ${String(s.ext.Count)}, but this schedule sent ${sent} writes`;
    },
  },
});
