import { describe, expect, it } from 'vitest';
import { referenceErrors, type KnownNames } from './references.js';
import type { Rubric, RubricItem } from './rubric.js';

const rubric = (...items: Array<Partial<RubricItem>>): Rubric => ({
  exercise: 'x',
  exploration: { strategy: 'pct', schedules: 1, seed: 1, maxSteps: 100, depth: 3, bound: 2, faults: 2, timeLimit: 1 },
  items: items.map((item, i) => ({ id: `i${i}`, title: 't', check: 'data-race', points: 1, credit: 'all', visibility: 'visible', ...item })),
  starterMax: 0.4,
  file: 'rubric.json',
});
const known: KnownNames = {
  invariants: ['progress', 'irps-completed', 'setup', 'count-exact'],
  routines: ['DriverEntry', 'AddDevice', 'DispatchWrite', 'DrainDpc'],
  fields: ['ext.Lock', 'ext.Queue[0].Length', 'driver.DriverExtension.Ports'],
};

describe('rubric references', () => {
  it('accepts what the scenario and the exercise declare: invariants (built-ins too), routines, fields and the paths that hold them', () => {
    const items = [
      { check: 'invariant', name: 'count-exact' },
      { check: 'invariant', name: 'progress' },
      { routine: 'DrainDpc' },
      { target: 'ext.Lock' },
      { target: 'ext' },
      { target: 'ext.Queue' },
      { target: 'ext.Queue[0]' },
      { target: 'ext.Queue[0].Length' },
      { target: 'driver.DriverExtension' },
      { target: 'driver' },
    ];
    expect(referenceErrors(rubric(...items), known)).toEqual([]);
  });

  it('refuses a name that names nothing, with its pointer and the nearest known name', () => {
    const errors = referenceErrors(rubric({ check: 'invariant', name: 'count-exct' }, { routine: 'DrainDCP' }, { target: 'ext.Lokc' }, { target: 'ext.Que' }, { target: 'ext.Lock.Owner' }), known);
    expect(errors).toEqual([
      '/items/0/name: Rubric item `i0` names invariant `count-exct`, which the scenario does not declare (did you mean `count-exact`?); known invariants: progress, irps-completed, setup, count-exact',
      '/items/1/routine: Rubric item `i1` names routine `DrainDCP`, which the exercise does not declare (did you mean `DrainDpc`?); its routines: DriverEntry, AddDevice, DispatchWrite, DrainDpc',
      '/items/2/target: Rubric item `i2` names target `ext.Lokc`, which is no lock or field the exercise declares, nor holds one (did you mean `ext.Lock`?); its fields: ext.Lock, ext.Queue[0].Length, driver.DriverExtension.Ports',
      expect.stringMatching(/^\/items\/3\/target: .*`ext\.Que`.*\(did you mean `ext\.Queue`\?\)/),
      // Below a declared field is not declared: a typo there would pass for everybody too.
      expect.stringMatching(/^\/items\/4\/target: .*`ext\.Lock\.Owner`/),
    ]);
  });

  it('suggests nothing when nothing is near', () => {
    const [error] = referenceErrors(rubric({ check: 'invariant', name: 'something-else-entirely' }), known);
    expect(error).not.toContain('did you mean');
  });

  it('refuses a routine or target filter when the exercise declares no routines or fields', () => {
    const errors = referenceErrors(rubric({ routine: 'DispatchWrite' }, { target: 'ext.Lock' }), { invariants: [] });
    expect(errors).toEqual([expect.stringMatching(/^\/items\/0\/routine: .*declares no routines/), expect.stringMatching(/^\/items\/1\/target: .*declares no fields/)]);
  });
});
