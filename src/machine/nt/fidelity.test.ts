/**
 * The machine behaves as Windows does, and the findings follow from what the
 * CPU really did: a lock is a word that any release clears; a holding ends
 * only by its own release; IRQL goes where the value passed says.
 */
import { describe, expect, it } from 'vitest';
import { defineScenario, type ScenarioDefinition } from '../../scenario/index.js';
import { exploreFixture } from '../../../test/helpers/explore-fixture.js';
import { readersWriters, writers } from '../../../test/fixtures/scenarios/index.js';

/** `base` with extra invariants on the final state. */
function withInvariants(base: ScenarioDefinition, invariants: NonNullable<ScenarioDefinition['invariants']>): ScenarioDefinition {
  return defineScenario({ ...base, invariants: { ...base.invariants, ...invariants } });
}

describe('IRQL follows the value passed (pct, seed 1)', () => {
  it('KeReleaseSpinLock lowers to the NewIrql it is passed, right or wrong: DISPATCH_LEVEL stays DISPATCH_LEVEL', async () => {
    const run = await exploreFixture('wrong-new-irql', withInvariants(writers(1), { after: (s) => s.ext.After === 2 || `After is ${String(s.ext.After)}` }));
    expect(run.findings('invariant').filter((f) => f.name === 'after')).toEqual([]);
    expect(run.findings('irql-restore').map((f) => f.rule)).toContain('SDV IrqlKeReleaseSpinLock');
    // …and so DispatchWrite really returns at DISPATCH_LEVEL, which is reported too.
    expect(run.findings('irql-restore').some((f) => f.key === 'DispatchWrite|return')).toBe(true);
  });

  it('releasing the outer of two nested locks first drops IRQL to its OldIrql while the inner is still held', async () => {
    const run = await exploreFixture('outer-released-first', withInvariants(writers(1), { 'passive-while-inner': (s) => s.ext.WhileInner !== 0 || 'PASSIVE_LEVEL while holding Inner' }));
    expect(run.findings('release-order')).toHaveLength(1);
    expect(run.findings('invariant').some((f) => f.name === 'passive-while-inner')).toBe(true);
  });

  it('KeLowerIrql to a higher IRQL is Verifier 0xC4/0x31, and stops the machine', async () => {
    const run = await exploreFixture('lower-irql-up', writers(1));
    const [finding] = run.findings('irql-restore');
    expect(finding).toMatchObject({ rule: 'Verifier 0xC4/0x31', routine: 'DispatchWrite' });
    expect(run.findings('invariant').find((f) => f.name === 'count')?.message).toMatch(/not reached: the schedule stopped/);
  });
});

describe('a lock is a word (pct, seed 1)', () => {
  it('a release by code that never acquired it frees it under its holder; the holder\'s own release is not blamed, and restores its IRQL', async () => {
    const run = await exploreFixture('release-by-other', readersWriters());
    const blamed = [...run.findings('release-not-held'), ...run.findings('wrong-releaser')];
    expect(blamed.length).toBeGreaterThan(0);
    expect(blamed.every((f) => f.routine === 'DispatchRead')).toBe(true);
    expect(run.findings('irql-restore').filter((f) => f.routine === 'DispatchWrite')).toEqual([]);
    // Two holders follow, and the race between them is real.
    expect(run.findings('data-race').some((f) => f.target === 'ext.Count')).toBe(true);
  });

  it('re-initializing a held lock frees it: two holders follow', async () => {
    const run = await exploreFixture('reinitialize-held', writers(2));
    expect(run.findings('reinitialized-lock').some((f) => f.key === 'ext.Lock|held')).toBe(true);
    expect(run.findings('data-race').some((f) => f.target === 'ext.Count')).toBe(true);
  });
});
