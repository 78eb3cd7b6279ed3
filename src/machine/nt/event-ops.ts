/** Kernel events: KeInitializeEvent, KeSetEvent, KeClearEvent, KeWaitForSingleObject. */
import { EVENT_TYPE } from '../../kernel/codes.js';
import { Op, Refusal } from '../../kernel/protocol.js';
import { STATUS_SUCCESS, STATUS_TIMEOUT } from '../../kernel/ntstatus.js';
import { OpStatus, type OpHandler } from '../execution.js';
import { eventOf } from './states.js';

const initialize: OpHandler = (x, ctx, call) => {
  const event = eventOf(x, call.a);
  if (event === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'KeInitializeEvent: Event is not a KEVENT.');
  event.initialized = true;
  event.synchronization = call.b === EVENT_TYPE.SynchronizationEvent;
  event.signaled = call.c === true;
  return x.returns(undefined);
};

const set: OpHandler = (x, ctx, call) => {
  const event = eventOf(x, call.a);
  if (event === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'KeSetEvent: Event is not a KEVENT.');
  const previous = event.signaled ? 1 : 0;
  event.signaled = true;
  x.bus.sync('release', ctx, event);
  for (const waiter of event.waiters) x.wake(waiter);
  event.waiters.length = 0;
  return x.returns(previous);
};

const clear: OpHandler = (x, ctx, call) => {
  const event = eventOf(x, call.a);
  if (event === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'KeClearEvent: Event is not a KEVENT.');
  event.signaled = false;
  return x.returns(undefined);
};

const wait: OpHandler = (x, ctx, call) => {
  const event = eventOf(x, call.a);
  if (event === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'KeWaitForSingleObject: Object is not a KEVENT.');
  const timeout = Number(call.b);
  if (call.phase === 0) {
    if (timeout !== 0) x.emit({ type: 'unsafe-call', ctx, what: 'KeWaitForSingleObject', irql: ctx.irql, seq: call.seq });
    call.phase = 1;
  }
  if (event.signaled) {
    if (event.synchronization) event.signaled = false;
    x.bus.sync('acquire', ctx, event);
    return x.returns(STATUS_SUCCESS);
  }
  // A finite timeout expires when the strategy runs the wait before anyone sets the event.
  if (timeout >= 0) return x.returns(STATUS_TIMEOUT);
  if (!event.waiters.includes(ctx)) event.waiters.push(ctx);
  ctx.waitingFor = `event ${x.memory.get(call.a)!.path}`;
  ctx.state = 'blocked';
  return OpStatus.Blocked;
};

/** The event ops. */
export const eventOps: Readonly<Record<number, OpHandler>> = {
  [Op.KeInitializeEvent]: initialize,
  [Op.KeSetEvent]: set,
  [Op.KeClearEvent]: clear,
  [Op.KeWaitForSingleObject]: wait,
};
