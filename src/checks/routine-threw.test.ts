import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { writers } from '../../test/fixtures/scenarios/index.js';

describe('routine-threw', () => {
  it('fires on a dispatch routine that throws (pct, seed 1)', async () => {
    const run = await exploreFixture('throws', writers());
    const [finding] = run.findings('routine-threw');
    expect(finding).toMatchObject({ rule: 'bug check 0x1E KMODE_EXCEPTION_NOT_HANDLED', routine: 'DispatchWrite' });
    expect(finding!.message.length).toBeGreaterThan(40);
    expect(run.line(finding!)).toBe(markedLine('throws'));
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('routine-threw')).toEqual([]);
  });

  it('fires on an IRP completed twice, as bug check 0x44 (pct, seed 1)', async () => {
    const run = await exploreFixture('complete-twice', writers());
    expect(run.findings('routine-threw')[0]).toMatchObject({ rule: 'bug check 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS', routine: 'DispatchWrite' });
  });

  it('names a use after free as bug check 0xD5, with where the memory was freed (pct, seed 1)', async () => {
    const run = await exploreFixture('use-after-free', writers(1));
    const [finding] = run.findings('routine-threw');
    expect(finding).toMatchObject({ rule: 'bug check 0xD5 DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL', routine: 'DispatchWrite' });
    expect(finding!.message).not.toContain('0xC4');
    expect(run.relatedLine(finding!, 0)).toBe(markedLine('use-after-free', 'freed'));
  });
});
