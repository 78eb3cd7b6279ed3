/** ExAllocatePool2 and ExFreePool. */
import { POOL_FLAG_PAGED } from '../../kernel/codes.js';
import { Kind, Op, Refusal } from '../../kernel/protocol.js';
import type { OpHandler } from '../execution.js';
import { bugCheck } from './bug-checks.js';

const allocate: OpHandler = (x, ctx, call) => {
  const flags = Number(call.a);
  if ((flags & POOL_FLAG_PAGED) !== 0) x.emit({ type: 'unsafe-call', ctx, what: 'ExAllocatePool2(paged)', irql: ctx.irql, seq: call.seq });
  // Low resources simulation: the pool is exhausted for this call.
  if (x.faults.inject(ctx, call, 'ExAllocatePool2')) return x.returns(null);
  const object = x.memory.allocate(call.c === true ? Kind.Array : Kind.Struct, 'pool');
  return x.returns(object.id, true);
};

const free: OpHandler = (x, ctx, call) => {
  const object = x.memory.get(call.a);
  if (object === undefined || (object.kind !== Kind.Struct && object.kind !== Kind.Array)) {
    return x.failCall(ctx, call, Refusal.BadArgument, 'ExFreePool: P is not a pool allocation.');
  }
  if (object.freed) return bugCheck(x, ctx, '0xC2', 'BAD_POOL_CALLER', `ExFreePool on ${object.path}, which was already freed: free each allocation exactly once`);
  object.freed = true;
  object.freedBy = { routine: ctx.routine, cpu: ctx.cpu.id, seq: call.seq };
  return x.returns(undefined);
};

/** The pool ops. */
export const poolOps: Readonly<Record<number, OpHandler>> = {
  [Op.ExAllocatePool2]: allocate,
  [Op.ExFreePool]: free,
};
