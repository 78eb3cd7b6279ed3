/** The kernel routines the all-paths rule follows: which take a lock, which release one, and how they pair. */

/** How an acquisition is named and released: by its lock, by its queue handle, or the IRQL pseudo-lock. */
export type PairBy = 'lock' | 'handle' | 'irql';

/** A family of paired routines (acquire/release). */
export interface LockFamily {
  readonly name: string;
  readonly acquire: string;
  readonly release: string;
  /** How the release names what it releases. */
  readonly by: PairBy;
  /** The acquire returns the IRQL the release must restore (its second argument, or KeLowerIrql's first). */
  readonly returnsIrql: boolean;
  /** The SDV rule a leak breaks. */
  readonly rule: string;
}

/** Every family, as the WDK pairs them. */
export const LOCK_FAMILIES: readonly LockFamily[] = [
  { name: 'spin', acquire: 'KeAcquireSpinLock', release: 'KeReleaseSpinLock', by: 'lock', returnsIrql: true, rule: 'SDV SpinLock' },
  { name: 'spin-dpc', acquire: 'KeAcquireSpinLockAtDpcLevel', release: 'KeReleaseSpinLockFromDpcLevel', by: 'lock', returnsIrql: false, rule: 'SDV SpinLockDpc' },
  { name: 'queued', acquire: 'KeAcquireInStackQueuedSpinLock', release: 'KeReleaseInStackQueuedSpinLock', by: 'handle', returnsIrql: false, rule: 'SDV QueuedSpinLockRelease' },
  {
    name: 'queued-dpc',
    acquire: 'KeAcquireInStackQueuedSpinLockAtDpcLevel',
    release: 'KeReleaseInStackQueuedSpinLockFromDpcLevel',
    by: 'handle',
    returnsIrql: false,
    rule: 'SDV QueuedSpinLockRelease',
  },
  { name: 'interrupt', acquire: 'KeAcquireInterruptSpinLock', release: 'KeReleaseInterruptSpinLock', by: 'lock', returnsIrql: true, rule: 'SDV SpinLock' },
  { name: 'irql', acquire: 'KeRaiseIrql', release: 'KeLowerIrql', by: 'irql', returnsIrql: true, rule: 'SDV IrqlReturn' },
];

/** Kernel routines whose effect on a lock the rule cannot follow: a function calling one is left undecided. */
export const UNFOLLOWED_ROUTINES: ReadonlySet<string> = new Set(['KeTryToAcquireSpinLockAtDpcLevel']);

/** What a kernel call does to locks. */
export type LockRoutine = { readonly kind: 'acquire' | 'release'; readonly family: LockFamily };

/** The lock role of kernel routine `name`, or undefined when it takes and leaves no lock. */
export function lockRoutine(name: string): LockRoutine | undefined {
  for (const family of LOCK_FAMILIES) {
    if (family.acquire === name) return { kind: 'acquire', family };
    if (family.release === name) return { kind: 'release', family };
  }
  return undefined;
}
