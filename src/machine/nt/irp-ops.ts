/** IoCompleteRequest. */
import { Op, Refusal } from '../../kernel/protocol.js';
import type { OpHandler } from '../execution.js';
import { bugCheck } from './bug-checks.js';
import { irpOf } from './states.js';

const complete: OpHandler = (x, ctx, call) => {
  const irp = irpOf(x, call.a);
  if (irp === undefined) return x.failCall(ctx, call, Refusal.BadArgument, 'IoCompleteRequest: Irp is not an IRP.');
  x.emit({ type: 'unsafe-call', ctx, what: 'IoCompleteRequest', irql: ctx.irql, seq: call.seq });
  if (irp.completed) {
    return bugCheck(x, ctx, '0x44', 'MULTIPLE_IRP_COMPLETE_REQUESTS', `IoCompleteRequest on IRP #${irp.number}, which was already completed: complete each IRP exactly once, on one path`);
  }
  irp.completed = true;
  x.bus.sync('release', ctx, irp);
  if (irp.waiter !== null) x.wake(irp.waiter);
  return x.returns(undefined);
};

/** The IRP ops. */
export const irpOps: Readonly<Record<number, OpHandler>> = {
  [Op.IoCompleteRequest]: complete,
};
