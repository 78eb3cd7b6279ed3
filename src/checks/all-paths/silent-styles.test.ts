import { describe, expect, it } from 'vitest';
import { checkDriver } from './test-driver.js';

/** Correct styles, and code the rule cannot decide: on each it must say nothing. */
const SILENT: Array<{ name: string; code: string }> = [
  {
    name: 'a lock helper that runs a callback in try/finally',
    code: `async function withLock<T>(lock: KSPIN_LOCK, body: () => Promise<T>): Promise<T> {
  const old = await KeAcquireSpinLock(lock);
  try {
    return await body();
  } finally {
    await KeReleaseSpinLock(lock, old);
  }
}
export async function DispatchWrite(ext: Ext, n: number): Promise<number> {
  return withLock(ext.Lock, async () => {
    if (n < 0) return 1;
    ext.Count = n;
    return 0;
  });
}`,
  },
  {
    name: 'a loop that takes and releases the lock each turn',
    code: `export async function DispatchWrite(ext: Ext, items: number[]): Promise<void> {
  for (const item of items) {
    const old = await KeAcquireSpinLock(ext.Lock);
    if (item < 0) {
      await KeReleaseSpinLock(ext.Lock, old);
      continue;
    }
    ext.Items.push(item);
    await KeReleaseSpinLock(ext.Lock, old);
  }
}`,
  },
  {
    name: 'a lock taken and released under the same condition',
    code: `export async function DispatchWrite(ext: Ext, shared: boolean): Promise<void> {
  let old: KIRQL = 0;
  if (shared) old = await KeAcquireSpinLock(ext.Lock);
  ext.Count++;
  if (shared) await KeReleaseSpinLock(ext.Lock, old);
}`,
  },
  {
    name: 'a flag set beside the acquire',
    code: `export async function DispatchWrite(ext: Ext, n: number): Promise<void> {
  let locked = false;
  let old: KIRQL = 0;
  if (n > 0) {
    old = await KeAcquireSpinLock(ext.Lock);
    locked = true;
  }
  ext.Count = n;
  if (locked) await KeReleaseSpinLock(ext.Lock, old);
}`,
  },
  {
    name: 'a condition on a field read again after a call',
    code: `export async function DispatchWrite(ext: Ext, other: () => Promise<void>): Promise<void> {
  let old: KIRQL = 0;
  if (ext.Count > 0) old = await KeAcquireSpinLock(ext.Lock);
  await other();
  if (ext.Count > 0) await KeReleaseSpinLock(ext.Lock, old);
}`,
  },
  {
    name: 'a conditional expression and && guarding the calls',
    code: `export async function DispatchWrite(ext: Ext, dpc: boolean): Promise<void> {
  const old = dpc ? 0 : await KeAcquireSpinLock(ext.Lock);
  if (dpc) await KeAcquireSpinLockAtDpcLevel(ext.Lock);
  ext.Count++;
  dpc && (await KeReleaseSpinLockFromDpcLevel(ext.Lock));
  !dpc && (await KeReleaseSpinLock(ext.Lock, old));
}`,
  },
  {
    name: 'a helper meant to return holding the lock',
    code: `export async function lockIt(ext: Ext): Promise<KIRQL> {
  const old = await KeAcquireSpinLock(ext.Lock);
  return old;
}
export async function unlockIt(ext: Ext, old: KIRQL): Promise<void> {
  await KeReleaseSpinLock(ext.Lock, old);
}`,
  },
  {
    name: 'a lock reached under two names',
    code: `export async function DispatchWrite(ext: Ext, alias: { Lock: KSPIN_LOCK }): Promise<void> {
  const old = await KeAcquireSpinLock(ext.Lock);
  ext.Count++;
  await KeReleaseSpinLock(alias.Lock, old);
}`,
  },
  {
    name: 'a lock released through a callback the rule cannot name',
    code: `export async function DispatchWrite(ext: Ext, done: (old: KIRQL) => Promise<void>): Promise<void> {
  const old = await KeAcquireSpinLock(ext.Lock);
  ext.Count++;
  await ops[0]!(old);
}
const ops = [async (old: KIRQL) => { void old; }];
export async function release(ext: Ext, old: KIRQL): Promise<void> {
  await KeReleaseSpinLock(ext.Lock, old);
}`,
  },
  {
    name: 'a saved IRQL kept in the extension for another routine',
    code: `export async function Begin(ext: Ext & { Saved: KIRQL }): Promise<void> {
  ext.Saved = await KeAcquireSpinLock(ext.Lock);
}
export async function End(ext: Ext & { Saved: KIRQL }): Promise<void> {
  await KeReleaseSpinLock(ext.Lock, ext.Saved);
}`,
  },
];

describe('the all-paths rule stays silent', () => {
  for (const c of SILENT) {
    it(`on ${c.name}`, () => {
      expect(checkDriver(c.code).findings).toEqual([]);
    });
  }
});
