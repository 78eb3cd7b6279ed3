import { describe, expect, it } from 'vitest';
import { exploreFixture, markedLine } from '../../test/helpers/explore-fixture.js';
import { deferredWriters, writers } from '../../test/fixtures/scenarios/index.js';

describe('invariant', () => {
  it('fires on lost writes (Count set, not incremented) (pct, seed 1)', async () => {
    const run = await exploreFixture('counts-once', writers());
    const [finding] = run.findings('invariant');
    expect(finding).toMatchObject({ rule: 'invariant count', name: 'count' });
    expect(finding!.message).toContain('Count is 1, expected 12');
  });

  it('stays silent on counter (pct, seed 1)', async () => {
    const run = await exploreFixture('counter', writers());
    expect(run.findings('invariant')).toEqual([]);
  });
  it('stays silent on dpc-queue (pct, seed 1)', async () => {
    const run = await exploreFixture('dpc-queue', deferredWriters());
    expect(run.findings('invariant')).toEqual([]);
  });
  it('stays silent on interlocked-list (pct, seed 1)', async () => {
    const run = await exploreFixture('interlocked-list', deferredWriters());
    expect(run.findings('invariant')).toEqual([]);
  });

  it('says which routine and line last wrote the field it read (pct, seed 1)', async () => {
    const run = await exploreFixture('counts-once', writers());
    const [finding] = run.findings('invariant');
    expect(finding!.message).toContain('(ext.Count was last written by DispatchWrite)');
    expect(finding!.related?.[0]?.label).toBe('ext.Count last written here by DispatchWrite');
    expect(run.relatedLine(finding!, 0)).toBe(markedLine('counts-once', 'write'));
  });
});
