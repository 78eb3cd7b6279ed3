import { describe, expect, it } from 'vitest';
import { exploreFixture } from '../../../test/helpers/explore-fixture.js';
import { defineScenario, STATUS_SUCCESS } from '../../scenario/index.js';

/** The sorted keys in one `keys a,b` part of what the fixture saw. */
const sortedKeys = (seen: string): string => seen.replace(/(keys|parameters) ([\w,]+)/g, (_, label: string, keys: string) => `${label} ${keys.split(',').sort().join(',')}`);

const scenario = defineScenario({
  title: 'one write of three words, one read of two',
  cpus: 2,
  async run(sim) {
    const device = await sim.start();
    if (device === null) return;
    sim.thread('writer', 0, async (t) => void (await t.write(device, [7, 8, 9])));
    sim.thread('reader', 1, async (t) => void (await t.read(device, 2)));
    await sim.join();
  },
  invariants: {
    'parts as the kernel filled them': (s) => {
      const seen = (s.ext.Seen as string[]).map(sortedKeys);
      const expected = 'keys AssociatedIrp,CurrentStackLocation,IoStatus,PendingReturned,Tail; parameters DeviceIoControl,Read,Write; write 3 read 0 control 0; buffer 7,8,9; tail true entry object; status 0 0; tail refused; inherited function function 5';
      return (seen.length === 1 && seen[0] === expected) || `saw ${JSON.stringify(seen)}`;
    },
    'untouched parts read as the kernel filled them': (s) => {
      const [read] = s.sentBy('reader');
      const [write] = s.sentBy('writer');
      return (
        (read?.status === STATUS_SUCCESS && read.information === 0 && read.buffer.join(',') === '0,0' && write?.information === 3 && write.buffer.join(',') === '7,8,9') ||
        `read ${JSON.stringify(read)}, write ${JSON.stringify(write)}`
      );
    },
  },
});

describe('an IRP’s parts, made when the driver first reads them', () => {
  it('hold what the kernel puts there, are listed by Object.keys and `in`, cannot be replaced, and no inherited name makes one (pct, seeds 1–3)', async () => {
    for (const seed of [1, 2, 3]) {
      const run = await exploreFixture('irp-parts', scenario, { seed, schedules: 40 });
      expect(run.result.groups.map((g) => `${g.id}: ${g.finding.message}`)).toEqual([]);
    }
  });
});
