import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../../test/helpers/explore-fixture.js';
import { deviceData } from '../../../test/fixtures/scenarios/index.js';

describe('device data and IRP buffers', () => {
  it('an ISR reads the word of the interrupt it services, and SystemBuffer.length is the buffer’s length (pct, seeds 1–3)', async () => {
    for (const seed of [1, 2, 3]) {
      const run = await exploreFixture('device-data', deviceData, { seed, schedules: 100 });
      expect(run.result.groups.map((g) => g.id)).toEqual([]);
    }
  });
});
