import { describe, expect, it } from 'vitest';
import { checkDriver, lineOf } from './test-driver.js';

/** Each construct: a bug the rule must find (check, the line it names), and its correct twin, on which it must say nothing. */
const CASES: Array<{ name: string; bug: string; check: string; at: string; correct: string }> = [
  {
    name: 'an early return',
    bug: `export async function DispatchWrite(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  if (ext.Count === 10) return 1; // @here
  ext.Count++;
  await KeReleaseSpinLock(ext.Lock, old);
  return 0;
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `export async function DispatchWrite(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  if (ext.Count === 10) {
    await KeReleaseSpinLock(ext.Lock, old);
    return 1;
  }
  ext.Count++;
  await KeReleaseSpinLock(ext.Lock, old);
  return 0;
}`,
  },
  {
    name: 'a break out of a loop',
    bug: `export async function DrainDpc(ext: Ext): Promise<void> {
  for (;;) {
    await KeAcquireSpinLockAtDpcLevel(ext.Lock);
    if (ext.Count === 0) break;
    ext.Count--;
    await KeReleaseSpinLockFromDpcLevel(ext.Lock);
  }
} // @here
export function register(dpc: { Routine: unknown }): void {
  dpc.Routine = DrainDpc;
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `export async function DrainDpc(ext: Ext): Promise<void> {
  for (;;) {
    await KeAcquireSpinLockAtDpcLevel(ext.Lock);
    if (ext.Count === 0) {
      await KeReleaseSpinLockFromDpcLevel(ext.Lock);
      break;
    }
    ext.Count--;
    await KeReleaseSpinLockFromDpcLevel(ext.Lock);
  }
}
export function register(dpc: { Routine: unknown }): void {
  dpc.Routine = DrainDpc;
}`,
  },
  {
    name: 'a release in one branch only',
    bug: `export async function DispatchRead(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  if (n > 0) {
    ext.Count = n;
    await KeReleaseSpinLock(ext.Lock, old);
  } else {
    ext.Count = 0;
  }
  return ext.Count; // @here
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `export async function DispatchRead(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  if (n > 0) {
    ext.Count = n;
    await KeReleaseSpinLock(ext.Lock, old);
  } else {
    ext.Count = 0;
    await KeReleaseSpinLock(ext.Lock, old);
  }
  return ext.Count;
}`,
  },
  {
    name: 'a release the path never took',
    bug: `export async function DispatchRead(ext: Ext, n: number): Promise<number> {
  let old: KIRQL | undefined;
  if (n > 0) old = await KeAcquireSpinLock(ext.Lock);
  ext.Count = n;
  await KeReleaseSpinLock(ext.Lock, old!); // @here
  return 0;
}`,
    check: 'release-not-held',
    at: '@here',
    correct: `export async function DispatchRead(ext: Ext, n: number): Promise<number> {
  let old: KIRQL | undefined;
  if (n > 0) old = await KeAcquireSpinLock(ext.Lock);
  ext.Count = n;
  if (old !== undefined) await KeReleaseSpinLock(ext.Lock, old);
  return 0;
}`,
  },
  {
    name: 'a release with the wrong OldIrql',
    bug: `export async function Move(ext: Ext): Promise<void> {
  const outer = await KeAcquireSpinLock(ext.Lock);
  const inner = await KeAcquireSpinLock(ext.Other);
  ext.Count++;
  await KeReleaseSpinLock(ext.Other, outer); // @here
  await KeReleaseSpinLock(ext.Lock, inner);
}`,
    check: 'irql-restore',
    at: '@here',
    correct: `export async function Move(ext: Ext): Promise<void> {
  const outer = await KeAcquireSpinLock(ext.Lock);
  const inner = await KeAcquireSpinLock(ext.Other);
  ext.Count++;
  await KeReleaseSpinLock(ext.Other, inner);
  await KeReleaseSpinLock(ext.Lock, outer);
}`,
  },
  {
    name: 'a queue handle of another acquisition',
    bug: `export async function Write(ext: Ext): Promise<void> {
  const first = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.Lock, first);
  await KeReleaseInStackQueuedSpinLock(first);
  const second = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.Lock, second);
  ext.Count++;
  await KeReleaseInStackQueuedSpinLock(first); // @here
}`,
    check: 'queue-handle',
    at: '@here',
    correct: `export async function Write(ext: Ext): Promise<void> {
  const first = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.Lock, first);
  await KeReleaseInStackQueuedSpinLock(first);
  const second = new KLOCK_QUEUE_HANDLE();
  await KeAcquireInStackQueuedSpinLock(ext.Lock, second);
  ext.Count++;
  await KeReleaseInStackQueuedSpinLock(second);
}`,
  },
  {
    name: 'a switch that falls through',
    bug: `export async function Control(ext: Ext, code: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  switch (code) {
    case 1:
      ext.Count = 0;
    case 2:
      ext.Count++;
      break;
    default:
      return -1; // @here
  }
  await KeReleaseSpinLock(ext.Lock, old);
  return 0;
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `export async function Control(ext: Ext, code: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  switch (code) {
    case 1:
      ext.Count = 0;
    case 2:
      ext.Count++;
      break;
    default:
      await KeReleaseSpinLock(ext.Lock, old);
      return -1;
  }
  await KeReleaseSpinLock(ext.Lock, old);
  return 0;
}`,
  },
  {
    name: 'a labelled block left by break',
    bug: `export async function Write(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  work: {
    if (n < 0) break work;
    ext.Count = n;
    await KeReleaseSpinLock(ext.Lock, old);
  }
  return 0; // @here
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `export async function Write(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  work: {
    if (n < 0) break work;
    ext.Count = n;
  }
  await KeReleaseSpinLock(ext.Lock, old);
  return 0;
}`,
  },
  {
    name: 'a helper that leaks on its error path',
    bug: `async function push(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  if (ext.Count >= 8) return 1; // @here
  ext.Items.push(n);
  await KeReleaseSpinLock(ext.Lock, old);
  return 0;
}
export async function DispatchWrite(ext: Ext, n: number): Promise<number> {
  return push(ext, n);
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `async function push(ext: Ext, n: number): Promise<number> {
  const old = await KeAcquireSpinLock(ext.Lock);
  try {
    if (ext.Count >= 8) return 1;
    ext.Items.push(n);
    return 0;
  } finally {
    await KeReleaseSpinLock(ext.Lock, old);
  }
}
export async function DispatchWrite(ext: Ext, n: number): Promise<number> {
  return push(ext, n);
}`,
  },
  {
    name: 'a routine that keeps what its lock helper took',
    bug: `async function lockIt(ext: Ext): Promise<KIRQL> {
  return KeAcquireSpinLock(ext.Lock);
}
async function unlockIt(ext: Ext, old: KIRQL): Promise<void> {
  await KeReleaseSpinLock(ext.Lock, old);
}
export async function DispatchWrite(ext: Ext): Promise<number> {
  const old = await lockIt(ext);
  if (ext.Count > 3) return 1; // @here
  ext.Count++;
  await unlockIt(ext, old);
  return 0;
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `async function lockIt(ext: Ext): Promise<KIRQL> {
  return KeAcquireSpinLock(ext.Lock);
}
async function unlockIt(ext: Ext, old: KIRQL): Promise<void> {
  await KeReleaseSpinLock(ext.Lock, old);
}
export async function DispatchWrite(ext: Ext): Promise<number> {
  const old = await lockIt(ext);
  if (ext.Count > 3) {
    await unlockIt(ext, old);
    return 1;
  }
  ext.Count++;
  await unlockIt(ext, old);
  return 0;
}`,
  },
  {
    name: 'a method of a class',
    bug: `export class Queue {
  constructor(private readonly ext: Ext) {}
  async push(n: number): Promise<boolean> {
    const old = await KeAcquireSpinLock(this.ext.Lock);
    if (this.ext.Count === 8) return false; // @here
    this.ext.Items.push(n);
    await KeReleaseSpinLock(this.ext.Lock, old);
    return true;
  }
}`,
    check: 'held-at-return',
    at: '@here',
    correct: `export class Queue {
  constructor(private readonly ext: Ext) {}
  async push(n: number): Promise<boolean> {
    const old = await KeAcquireSpinLock(this.ext.Lock);
    const room = this.ext.Count < 8;
    if (room) this.ext.Items.push(n);
    await KeReleaseSpinLock(this.ext.Lock, old);
    return room;
  }
}`,
  },
  {
    name: 'a raised IRQL not lowered on one path',
    bug: `export async function Write(ext: Ext, n: number): Promise<void> {
  const old = await KeRaiseIrql(DISPATCH_LEVEL);
  await KeAcquireSpinLockAtDpcLevel(ext.Lock);
  ext.Count = n;
  await KeReleaseSpinLockFromDpcLevel(ext.Lock);
  if (n === 0) return; // @here
  await KeLowerIrql(old);
}`,
    check: 'irql-restore',
    at: '@here',
    correct: `export async function Write(ext: Ext, n: number): Promise<void> {
  const old = await KeRaiseIrql(DISPATCH_LEVEL);
  await KeAcquireSpinLockAtDpcLevel(ext.Lock);
  ext.Count = n;
  await KeReleaseSpinLockFromDpcLevel(ext.Lock);
  await KeLowerIrql(old);
}`,
  },
];

describe('the all-paths rule', () => {
  for (const c of CASES) {
    it(`finds ${c.name}, at its line, with the path`, () => {
      const report = checkDriver(c.bug);
      expect(report.undecided).toEqual([]);
      expect(report.findings.map((f) => [f.check, f.line])).toContainEqual([c.check, lineOf(c.bug, c.at)]);
      const finding = report.findings.find((f) => f.check === c.check)!;
      expect(finding.path[finding.path.length - 1]).toBe(lineOf(c.bug, c.at));
      expect(finding.message).toContain(`lines ${finding.path.join(', ')}`);
    });
    it(`says nothing on the correct twin of ${c.name}`, () => {
      const report = checkDriver(c.correct);
      expect(report.undecided).toEqual([]);
      expect(report.findings).toEqual([]);
    });
  }
});
