import { DISPATCH_LEVEL, irqlName } from '../kernel/irql.js';
import { irqlMisuseRule, LockFamily } from '../machine/index.js';
import { where, type Check } from './check.js';

/**
 * IRQL not restored: KeReleaseSpinLock with an OldIrql other than the one its
 * acquire returned, a release not at DISPATCH_LEVEL, a routine returning at
 * another IRQL than it was entered at, KeRaiseIrql/KeLowerIrql misuse.
 */
export const irqlRestore: Check = {
  id: 'irql-restore',
  rule: 'SDV IrqlKeReleaseSpinLock, IrqlReturn; Verifier 0xC4/0x31, 0x32, 0x35, 0x36, 0x111',
  describe: 'KeReleaseSpinLock with the wrong OldIrql, a release not at DISPATCH_LEVEL, or a routine returning at another IRQL than it was entered at',
  create(sink) {
    return {
      events: ['release', 'frame-return', 'irql-misuse'],
      handle(event) {
        if (event.type === 'release') {
          const own = event.own;
          if (event.family !== LockFamily.Spin || own === null) return;
          if (event.irql !== DISPATCH_LEVEL) {
            sink({
              check: 'irql-restore',
              rule: 'Verifier 0xC4/0x32',
              message: `KeReleaseSpinLock on ${event.lock.name} at ${irqlName(event.irql)}: it must be called at DISPATCH_LEVEL, where the matching acquire left the CPU — something lowered IRQL while the lock was held.`,
              key: `${event.ctx.routine}|${event.lock.name}|level`,
              lock: event.lock.name,
              seq: event.seq,
              ...where(event.ctx),
            });
          }
          if (own.family === LockFamily.Spin && event.newIrql !== own.returnedIrql) {
            const given = event.newIrql < 0 ? 'a value that is not an IRQL (a missing await on the acquire?)' : irqlName(event.newIrql);
            sink({
              check: 'irql-restore',
              rule: 'SDV IrqlKeReleaseSpinLock',
              message: `KeReleaseSpinLock on ${event.lock.name} passes ${given}, but its KeAcquireSpinLock returned ${irqlName(own.returnedIrql)}: pass back exactly the OldIrql the matching acquire returned.`,
              key: `${event.ctx.routine}|${event.lock.name}|old`,
              lock: event.lock.name,
              seq: event.seq,
              ...where(event.ctx),
            });
          }
          return;
        }
        if (event.type === 'frame-return') {
          const frame = event.frame;
          // A routine still holding a lock returns at its raised IRQL: held-at-return reports the cause.
          if (event.irql === frame.entryIrql || frame.acquisitions.length > 0) return;
          const isr = frame.kind === 'isr';
          sink({
            check: 'irql-restore',
            rule: isr ? 'Verifier 0xC4/0x111' : 'SDV IrqlReturn',
            message: `${frame.routine} was called at ${irqlName(frame.entryIrql)} but returned at ${irqlName(event.irql)}: every routine must return at the IRQL it was entered at — ${returnAdvice(frame.familiesUsed)}.`,
            key: `${frame.routine}|return`,
            seq: frame.lastIrqlSeq >= 0 ? frame.lastIrqlSeq : event.seq,
            ...where(event.ctx),
            routine: frame.routine,
          });
          return;
        }
        if (event.type === 'irql-misuse') {
          sink({
            check: 'irql-restore',
            rule: irqlMisuseRule(event.via),
            message: `${event.via}(${event.to < 0 ? 'not an IRQL' : irqlName(event.to)}) at ${irqlName(event.from)}: KeRaiseIrql may only raise and KeLowerIrql may only lower, back to the value KeRaiseIrql returned.`,
            key: `${event.ctx.routine}|${event.via}`,
            seq: event.seq,
            ...where(event.ctx),
          });
        }
      },
    };
  },
};

/** How to return at the entry IRQL, for the lock routines a routine used. */
function returnAdvice(used: number): string {
  const advice: string[] = [];
  if ((used & (LockFamily.Queued | LockFamily.QueuedDpc)) !== 0) advice.push('release a KeAcquireInStackQueuedSpinLock acquisition with KeReleaseInStackQueuedSpinLock (not the FromDpcLevel form)');
  if ((used & (LockFamily.Spin | LockFamily.SpinDpc)) !== 0) advice.push('release a KeAcquireSpinLock acquisition with KeReleaseSpinLock (not the FromDpcLevel form), passing back its OldIrql');
  if ((used & LockFamily.Interrupt) !== 0) advice.push('release KeAcquireInterruptSpinLock with KeReleaseInterruptSpinLock, passing back its OldIrql');
  advice.push('pair every KeRaiseIrql with KeLowerIrql');
  return advice.join('; ');
}
