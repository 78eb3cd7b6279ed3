import { acquirerRoutine, inInterruptContext, ordinarySpinLock, related, where, type Check } from './check.js';
import { findingId } from './finding.js';
import { heldAtReturnKey } from './held-at-return.js';
import { InterruptHazards } from './interrupt-hazard.js';

/**
 * A CPU acquires a lock it already holds — itself, or an ISR/DPC that
 * interrupted the holder — or, predicted across schedules, a lock taken at
 * interrupt level is held elsewhere where that interrupt can arrive
 * (interrupt-hazard.ts): the self-deadlock waits only for the interrupt.
 */
export const recursiveAcquire: Check = {
  id: 'recursive-acquire',
  rule: 'Verifier 0xC4/0x1000; bug check 0xF',
  describe: 'a CPU acquires a spin lock it already holds (recursively, or an ISR or DPC interrupting the holder): it spins forever',
  create(sink) {
    const hazards = new InterruptHazards(sink);
    return {
      events: ['stop', 'acquire', 'acquired'],
      startSchedule(x, index) {
        hazards.startSchedule(x, index);
      },
      handle(event) {
        if (event.type === 'acquire') return hazards.attempt(event.ctx, event.lock.name, event.family, event.seq);
        if (event.type === 'acquired') return hazards.acquired(event.ctx, event.lock.name, event.family, event.seq);
        if (event.type !== 'stop' || event.reason.kind !== 'self-deadlock') return;
        const { ctx, lock } = event.reason;
        const holder = lock.holder!;
        const same = holder.ctx === ctx;
        // The same context, but an earlier routine that returned still holding it: the lock was leaked, not nested.
        const leaked = same && holder.frame !== null && !ctx.frames.includes(holder.frame);
        const leaker = acquirerRoutine(holder);
        // One call of one routine took it twice (itself, or a helper it called): where each acquire is, the source says (see twiceInOneCall).
        const oneCall = same && !leaked && holder.frame === ctx.frame;
        const advice = leaked
          ? `${leaker} returned without releasing it, so it is still held and never will be released: release every lock on every path out of the routine that took it`
          : same
          ? 'never acquire a spin lock you already hold'
          : `code that holds ${lock.name} runs at DISPATCH_LEVEL or below, so ${ctx.kind === 'isr' ? 'an ISR' : 'a DPC'} can interrupt it on the same CPU: ${ctx.kind === 'isr' ? 'data shared with an ISR must be protected by the interrupt spin lock (KeSynchronizeExecution), not an executive spin lock' : 'a thread must take the lock with KeAcquireSpinLock (which raises to DISPATCH_LEVEL), not at PASSIVE_LEVEL'}`;
        sink({
          check: 'recursive-acquire',
          rule: 'Verifier 0xC4/0x1000; bug check 0xF SPIN_LOCK_ALREADY_OWNED',
          message: oneCall
            ? twiceInOneCall({ routine: ctx.routine, cpu: ctx.cpu.id, lock: lock.name, first: ctx.routine, again: ctx.routine })
            : `${ctx.routine} on CPU ${ctx.cpu.id} acquires ${lock.name}, which CPU ${ctx.cpu.id} already holds (${leaked ? `taken by an earlier ${leaker}` : same ? `taken by ${leaker}, which called ${ctx.routine}` : `taken by ${leaker}, which it interrupted`}), so it spins forever: ${advice}.`,
          key: `${lock.name}|${ctx.routine}|${holder.ctx.routine}`,
          lock: lock.name,
          seq: ctx.pending[0]?.seq ?? event.seq,
          related: [related('acquired here first', holder.ctx, holder.seq, { routine: leaker })],
          ...(leaked ? { causedBy: findingId('held-at-return', heldAtReturnKey(leaker, lock.name)) } : {}),
          ...(!leaked && inInterruptContext(ctx) && ordinarySpinLock(lock) ? { cause: 'spin-lock-in-interrupt-context' as const } : oneCall ? { cause: 'acquired-twice-in-one-call' as const } : {}),
          ...where(ctx),
        });
      },
    };
  },
};

/** Where each of two acquires in one call of a routine stands: `routine` itself, or a function it calls (`first` took the lock, `again` takes it again). */
export interface OneCallAcquires {
  readonly routine: string;
  readonly cpu: number;
  readonly lock: string;
  readonly first: string;
  readonly again: string;
}

/** The message of a lock acquired twice in one call, naming the function of each acquire (the check knows only the routine; describing a finding finds the functions in the source). */
export function twiceInOneCall(p: OneCallAcquires): string {
  const by = (fn: string): string => (fn === p.routine ? p.routine : `${fn}, called from ${p.routine},`);
  const order = p.first === p.again && p.first === p.routine ? `${p.routine} took it and takes it again in the same call` : `${by(p.first)} took it, then ${by(p.again)} takes it again while it is still held`;
  return `${p.lock} is acquired twice in one call of ${p.routine} on CPU ${p.cpu}: ${order}, so it spins forever: never acquire a spin lock you already hold — take it once, in the caller or in the function it calls.`;
}
