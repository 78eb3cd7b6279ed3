import { FAMILY_ROUTINES, LockFamily, type Acquisition, type Context, type LockState } from '../machine/index.js';
import { related, where, type Check, type FindingSink } from './check.js';
import type { RelatedSite } from './finding.js';

const ORDINARY = LockFamily.Spin | LockFamily.SpinDpc;
const QUEUED = LockFamily.Queued | LockFamily.QueuedDpc;
const EXECUTIVE = ORDINARY | QUEUED;

/** The conflicts between ways of taking one lock, with the rule each breaks. */
const CONFLICTS: ReadonlyArray<{ a: number; b: number; rule: string; message: (lock: string) => string }> = [
  {
    a: ORDINARY,
    b: QUEUED,
    rule: 'Verifier 0xC4/0x1008',
    message: (lock) => `${lock} is taken both with the ordinary KeAcquireSpinLock routines and as an in-stack queued spin lock: never mix queued and ordinary routines on one lock — pick one family for every acquisition.`,
  },
  {
    a: LockFamily.Interlocked,
    b: EXECUTIVE,
    rule: 'WDK ExInterlocked routines',
    message: (lock) => `${lock} is passed to ExInterlocked routines and is also taken with a Ke*SpinLock routine: a lock passed to ExInterlocked routines must be used only by ExInterlocked routines.`,
  },
  {
    a: LockFamily.Interrupt,
    b: EXECUTIVE,
    rule: 'WDK KeSynchronizeExecution; Verifier 0xC4/0x1008',
    message: (lock) => `${lock} is an interrupt spin lock and is also taken with a Ke*SpinLock routine: code outside the ISR must take it through KeSynchronizeExecution (or KeAcquireInterruptSpinLock), which raises to the interrupt's SynchronizeIrql.`,
  },
];

/**
 * Acquire and release from different families; queued and ordinary routines
 * on one lock; an ExInterlocked lock also taken with Ke*SpinLock; the
 * interrupt spin lock taken with KeAcquireSpinLock; plain list helpers on a
 * list the ExInterlocked routines manage.
 */
export const apiMismatch: Check = {
  id: 'api-mismatch',
  rule: 'Verifier 0xC4/0x1008, 0x1009; WDK spin lock pages',
  describe: 'acquire and release from different families, queued and ordinary routines on one lock, an ExInterlocked or interrupt lock taken with Ke*SpinLock, or plain list helpers on an ExInterlocked list',
  create(sink) {
    let reported = new Set<string>();
    let interlockedHeads = new Map<number, string>();
    let plainHeads = new Map<number, { via: string; site: RelatedSite | null }>();
    const once = (key: string): boolean => !reported.has(key) && reported.add(key) !== undefined;
    return {
      events: ['acquire', 'release', 'plain-list', 'interlocked'],
      startSchedule() {
        reported = new Set();
        interlockedHeads = new Map();
        plainHeads = new Map();
      },
      handle(event) {
        switch (event.type) {
          case 'acquire': {
            const lock = event.lock;
            // The machine keeps every family a lock was taken with in this schedule.
            const effective = lock.familiesUsed | event.family | (lock.interruptLock ? LockFamily.Interrupt : 0);
            if ((effective & (effective - 1)) === 0) return;
            for (const conflict of CONFLICTS) {
              const now = (event.family & conflict.a) !== 0 ? conflict.b : (event.family & conflict.b) !== 0 ? conflict.a : 0;
              if (now === 0 || (effective & now) === 0) continue;
              if (!once(`${lock.name}|${conflict.rule}`)) continue;
              sink({ check: 'api-mismatch', rule: conflict.rule, message: conflict.message(lock.name), key: `${lock.name}|${conflict.rule}`, lock: lock.name, seq: event.seq, ...where(event.ctx) });
            }
            return;
          }
          case 'release':
            reportPairMismatch(sink, event.ctx, event.lock, event.own, event.family, event.via, event.seq);
            return;
          case 'interlocked': {
            interlockedHeads.set(event.head, event.via);
            const plain = plainHeads.get(event.head);
            if (plain !== undefined) reportMixedList(sink, once, event.headName, plain.via, event.via, event.ctx, event.seq, plain.site);
            return;
          }
          case 'plain-list': {
            if (event.via === 'InitializeListHead') return;
            plainHeads.set(event.head, { via: event.via, site: event.ctx === null ? null : related(`${event.via} here`, event.ctx, event.seq) });
            const interlockedVia = interlockedHeads.get(event.head);
            if (interlockedVia !== undefined) reportMixedList(sink, once, event.headName, event.via, interlockedVia, event.ctx, event.seq, null);
            return;
          }
          default:
            return;
        }
      },
    };
  },
};

/** What goes wrong when a lock taken with one routine is released with another of the same kind. */
const PAIR_CONSEQUENCES: Readonly<Record<string, string>> = {
  [`${LockFamily.Spin}>${LockFamily.SpinDpc}`]: ' KeReleaseSpinLockFromDpcLevel does not lower IRQL, so the routine is left at DISPATCH_LEVEL.',
  [`${LockFamily.SpinDpc}>${LockFamily.Spin}`]: ' KeReleaseSpinLock lowers IRQL to a value the AtDpcLevel acquire never saved.',
  [`${LockFamily.Queued}>${LockFamily.QueuedDpc}`]: ' KeReleaseInStackQueuedSpinLockFromDpcLevel does not restore the IRQL saved in the handle, so the routine is left at DISPATCH_LEVEL.',
  [`${LockFamily.QueuedDpc}>${LockFamily.Queued}`]: ' KeReleaseInStackQueuedSpinLock restores an IRQL the AtDpcLevel acquire never saved in the handle.',
};

function reportPairMismatch(sink: FindingSink, ctx: Context, lock: LockState, own: Acquisition | null, family: LockFamily, via: string, seq: number): void {
  if (own === null || own.family === family) return;
  if (own.family === LockFamily.Interlocked || own.family === LockFamily.Interrupt) return;
  const holder = own;
  const acquired = FAMILY_ROUTINES[holder.family]!;
  const queuedMix = ((holder.family & QUEUED) !== 0) !== ((family & QUEUED) !== 0);
  const consequence = PAIR_CONSEQUENCES[`${holder.family}>${family}`] ?? '';
  sink({
    check: 'api-mismatch',
    rule: queuedMix ? 'Verifier 0xC4/0x1009' : (holder.family & QUEUED) !== 0 ? 'WDK KeReleaseInStackQueuedSpinLockFromDpcLevel' : 'WDK KeReleaseSpinLockFromDpcLevel',
    message: `${lock.name} was acquired with ${acquired.acquire} but released with ${via}: release with the routine that pairs with the acquire, ${acquired.release}.${consequence}`,
    key: `${lock.name}|${acquired.acquire}|${via}`,
    lock: lock.name,
    seq,
    related: [related('acquired here', holder.ctx, holder.seq)],
    ...where(ctx),
  });
}

function reportMixedList(
  sink: FindingSink,
  once: (key: string) => boolean,
  head: string,
  plainVia: string,
  interlockedVia: string,
  ctx: Context | null,
  seq: number,
  plainSite: RelatedSite | null,
): void {
  if (!once(`${head}|mixed`)) return;
  sink({
    check: 'api-mismatch',
    rule: 'WDK ExInterlocked routines',
    message: `${head} is handled with ${interlockedVia} and also with the plain ${plainVia}: a list protected by ExInterlocked routines must be touched only by ExInterlocked routines (InitializeListHead before first use is the one exception).`,
    key: `${head}|mixed|${plainVia}`,
    target: head,
    seq,
    related: plainSite === null ? [] : [plainSite],
    ...where(ctx),
  });
}
