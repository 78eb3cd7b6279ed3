import { describe, expect, it } from 'vitest';
import { huntProgramNames, huntRealm, loadHuntProgram } from '../../bench/hunt-programs.mjs';
// The bench runs on dist/, as this test does (the scenario it loads is dist's).
import { explore } from '../../dist/explore/index.js';

const names = huntProgramNames();

describe('the hunt bench (bench/hunt/)', () => {
  it('has at least twelve programs', () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  it.each(names)('%s: its bug.patch applies, names one rubric item, and its solution gives no finding (random and pct, 15 schedules each)', async (name) => {
    const program = await loadHuntProgram(name);
    expect(program.buggy).not.toBe(program.solution);
    expect(program.rubric.items.map((item) => item.id)).toContain(program.item.id);
    const realm = await huntRealm(program, program.solution);
    for (const strategy of ['random', 'pct'] as const) {
      const result = await explore({ driver: realm, scenario: program.scenario, strategy, seed: 1, schedules: 15, cpus: program.rubric.exploration.cpus, locate: false });
      expect(result.undecided).toEqual([]);
      expect(result.groups.map((g) => `${g.finding.check}: ${g.finding.message}`)).toEqual([]);
    }
  });
});
