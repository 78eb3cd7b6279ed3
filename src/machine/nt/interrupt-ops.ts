/**
 * Interrupts: IoConnectInterrupt, IoDisconnectInterrupt,
 * KeSynchronizeExecution, the interrupt spin lock routines, and delivering
 * an interrupt to a CPU.
 */
import { DIRQL_MAX, DIRQL_MIN, isIrql } from '../../kernel/irql.js';
import { Kind, Op, Refusal } from '../../kernel/protocol.js';
import { STATUS_INSUFFICIENT_RESOURCES, STATUS_INVALID_PARAMETER } from '../../kernel/ntstatus.js';
import type { Context, PendingCall } from '../context.js';
import type { Cpu } from '../cpu.js';
import { OpStatus, type Execution, type OpHandler } from '../execution.js';
import { InterruptState, type InterruptSource } from '../interrupts.js';
import { LockFamily, LockState } from '../locks.js';
import { functionName } from './dpc-ops.js';
import { acquireInBody, acquireLock, announceAcquire, ownAcquisition, releaseLock } from './lock-core.js';
import { irqlArg, lowerTo } from './spin-lock-ops.js';
import { interruptOf, lockOf } from './states.js';

const connect: OpHandler = (x, ctx, call) => {
  const [isr, context, contextRef, lockId, vector, irql, syncIrql] = [call.a, call.b, call.c, call.d, call.e, call.f, call.g];
  if (x.memory.get(isr) === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'IoConnectInterrupt: ServiceRoutine is not a function.');
  let lock: LockState | undefined;
  if (lockId !== 0) {
    lock = lockOf(x, lockId);
    if (lock === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'IoConnectInterrupt: SpinLock is not a KSPIN_LOCK.');
    x.emit({ type: 'lock-use', ctx, lock, via: 'IoConnectInterrupt', seq: call.seq });
  }
  const source = x.sources.find((s) => s.vector === vector);
  const level = irql as number;
  const sync = syncIrql as number;
  if (source === undefined || source.connected !== null || !isIrql(level) || !isIrql(sync) || level < DIRQL_MIN || level > DIRQL_MAX || sync < level) {
    return x.returns(STATUS_INVALID_PARAMETER);
  }
  // Low resources simulation: no interrupt object, nothing connected.
  if (x.faults.inject(ctx, call, 'IoConnectInterrupt')) return x.returns(STATUS_INSUFFICIENT_RESOURCES);
  const object = x.memory.allocate(Kind.Interrupt, 'KINTERRUPT');
  if (lock === undefined) {
    const own = x.memory.allocate(Kind.SpinLock, 'SpinLock');
    lock = new LockState(own, true);
    own.state = lock;
    x.memory.store(x.memory.cell(object, 'SpinLock'), own.id, true);
  }
  lock.interruptLock = true;
  const state = new InterruptState(object, isr as number, functionName(x, isr), [context, contextRef === true], lock, vector as number, level, sync);
  object.state = state;
  source.connected = state;
  x.bus.sync('release', ctx, state);
  return x.returns(object.id, true);
};

const disconnect: OpHandler = (x, ctx, call) => {
  const interrupt = interruptOf(x, call.a);
  if (interrupt === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'IoDisconnectInterrupt: not a KINTERRUPT.');
  interrupt.connected = false;
  return x.returns(undefined);
};

/** Raises to the interrupt's SynchronizeIrql and takes its lock; the shared first half of two ops. */
function enter(x: Execution, ctx: Context, call: PendingCall, interrupt: InterruptState, routine: string): OpStatus | null {
  if (call.phase === 0) {
    announceAcquire(x, ctx, interrupt.lock, LockFamily.Interrupt, routine, null, ctx.irql, call.seq);
    call.saved = ctx.irql;
    ctx.irql = Math.max(ctx.irql, interrupt.syncIrql);
    call.phase = 1;
  }
  if (call.phase === 1) {
    const result = acquireLock(x, ctx, interrupt.lock, LockFamily.Interrupt, routine, call.seq, call.saved as number, null);
    if (result === 'spin') return OpStatus.Blocked;
    if (result === 'stopped') return OpStatus.Settled;
    call.phase = 2;
  }
  return null;
}

const synchronize: OpHandler = (x, ctx, call) => {
  const routine = 'KeSynchronizeExecution';
  const interrupt = interruptOf(x, call.a);
  if (interrupt === undefined || x.memory.get(call.b) === undefined) {
    return x.failCall(ctx, call, Refusal.BadArgument, `${routine}: expected a KINTERRUPT and a routine.`);
  }
  const waiting = enter(x, ctx, call, interrupt, routine);
  if (waiting !== null) return waiting;
  const acquisition = interrupt.lock.holder!;
  x.calls.detach(ctx, call);
  x.invoke(ctx, call.b as number, 'synch', functionName(x, call.b), [[call.c, call.d === true]]).then((outcome) => {
    if (x.over || outcome.kind !== 'returned') return;
    // KeSynchronizeExecution releases the interrupt lock it took and restores the caller's IRQL.
    if (ctx.held.includes(acquisition)) releaseLock(x, ctx, interrupt.lock, acquisition);
    ctx.irql = call.saved as number;
    x.calls.complete(ctx, call, outcome.value, outcome.isRef);
  });
  return OpStatus.Async;
};

const acquireInterruptLock: OpHandler = (x, ctx, call) => {
  const interrupt = interruptOf(x, call.a);
  if (interrupt === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'KeAcquireInterruptSpinLock: not a KINTERRUPT.');
  const waiting = enter(x, ctx, call, interrupt, 'KeAcquireInterruptSpinLock');
  return waiting ?? x.returns(call.saved as number);
};

const releaseInterruptLock: OpHandler = (x, ctx, call) => {
  const routine = 'KeReleaseInterruptSpinLock';
  const interrupt = interruptOf(x, call.a);
  if (interrupt === undefined) return x.failCall(ctx, call, Refusal.BadArgument, `${routine}: not a KINTERRUPT.`);
  const lock = interrupt.lock;
  const own = ownAcquisition(ctx, lock);
  const irql = ctx.irql;
  const newIrql = irqlArg(call.b);
  x.bus.release(ctx, lock, LockFamily.Interrupt, routine, null, own, irql, newIrql, call.seq);
  releaseLock(x, ctx, lock, own);
  // Lowers to the OldIrql passed, as KeReleaseSpinLock does.
  ctx.irql = lowerTo(newIrql, irql);
  return x.returns(undefined);
};

/** The interrupt ops. */
export const interruptOps: Readonly<Record<number, OpHandler>> = {
  [Op.IoConnectInterrupt]: connect,
  [Op.IoDisconnectInterrupt]: disconnect,
  [Op.KeSynchronizeExecution]: synchronize,
  [Op.KeAcquireInterruptSpinLock]: acquireInterruptLock,
  [Op.KeReleaseInterruptSpinLock]: releaseInterruptLock,
};

/**
 * Delivers an interrupt from `source` on `cpu`: an ISR context at the
 * SynchronizeIrql takes the interrupt spin lock, runs the ISR, releases.
 */
export function deliverInterrupt(x: Execution, cpu: Cpu, source: InterruptSource): Context {
  const interrupt = source.connected!;
  const data = source.data(source.delivered);
  source.register = data;
  source.remaining--;
  source.delivered++;
  const ctx = x.createContext('isr', `ISR ${interrupt.isrName}`, cpu, interrupt.syncIrql);
  ctx.purpose = interrupt.isrName;
  ctx.deviceData = data;
  cpu.stack.push(ctx);
  x.launch(ctx, async () => {
    x.bus.sync('acquire', ctx, interrupt);
    x.bus.sync('acquire', ctx, source);
    const seq = x.nextSeq();
    if (!(await acquireInBody(x, ctx, interrupt.lock, LockFamily.Interrupt, 'interrupt delivery', seq))) return;
    const acquisition = interrupt.lock.holder!;
    const outcome = await x.invoke(ctx, interrupt.isr, 'isr', interrupt.isrName, [[interrupt.object.id, true], interrupt.context]);
    if (x.over || outcome.kind !== 'returned') return;
    if (ctx.held.includes(acquisition)) releaseLock(x, ctx, interrupt.lock, acquisition);
  });
  return ctx;
}
