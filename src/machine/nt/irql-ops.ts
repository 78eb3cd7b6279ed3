/** KeRaiseIrql, KeLowerIrql, KeStallExecutionProcessor. */
import { HIGH_LEVEL, isIrql } from '../../kernel/irql.js';
import { Op } from '../../kernel/protocol.js';
import type { OpHandler } from '../execution.js';

const raise: OpHandler = (x, ctx, call) => {
  const to = call.a as number;
  const from = ctx.irql;
  if (!isIrql(to) || to < from) {
    x.emit({ type: 'irql-misuse', ctx, via: 'KeRaiseIrql', from, to, seq: call.seq });
    return x.returns(from);
  }
  ctx.irql = to;
  return x.returns(from);
};

const lower: OpHandler = (x, ctx, call) => {
  const to = call.a as number;
  const from = ctx.irql;
  if (!isIrql(to) || to > from) {
    x.emit({ type: 'irql-misuse', ctx, via: 'KeLowerIrql', from, to, seq: call.seq });
    return x.returns(undefined);
  }
  ctx.irql = Math.min(to, HIGH_LEVEL);
  return x.returns(undefined);
};

/** The IRQL ops. */
export const irqlOps: Readonly<Record<number, OpHandler>> = {
  [Op.KeRaiseIrql]: raise,
  [Op.KeLowerIrql]: lower,
  [Op.KeStallExecutionProcessor]: (x) => x.returns(undefined),
};
