import { describe, expect, it } from 'vitest';
import { explore } from '../../src/explore/index.js';
import { LocalRealm } from '../../src/machine/index.js';
import * as counter from '../fixtures/drivers/counter.js';
import { writers } from '../fixtures/scenarios/writers.js';

describe('smoke', () => {
  it('runs a correct counter clean (seed 1)', async () => {
    const result = await explore({ driver: new LocalRealm(counter, ['drivers/']), scenario: writers(), strategy: 'pct', seed: 1, schedules: 20 });
    console.log(JSON.stringify(result.groups.map((g) => g.finding), null, 1), result.internalErrors, result.totals);
    expect(result.groups).toEqual([]);
  });
});
