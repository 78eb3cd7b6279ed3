/** KeRaiseIrql, KeLowerIrql, KeStallExecutionProcessor. */
import { HIGH_LEVEL, isIrql } from '../../kernel/irql.js';
import { Op } from '../../kernel/protocol.js';
import { OpStatus, type OpHandler } from '../execution.js';

// A misuse is reported by irql-restore (from the event) and stops the machine, as the real routines bug-check.

const raise: OpHandler = (x, ctx, call) => {
  const to = call.a as number;
  const from = ctx.irql;
  if (!isIrql(to) || to < from) {
    x.emit({ type: 'irql-misuse', ctx, via: 'KeRaiseIrql', from, to, seq: call.seq });
    x.stop({ kind: 'bug-check', ctx, code: '0x9', check: 'irql-restore', rule: 'bug check 0x9 IRQL_NOT_GREATER_OR_EQUAL', message: 'KeRaiseIrql to a lower IRQL' });
    return OpStatus.Settled;
  }
  ctx.irql = to;
  return x.returns(from);
};

const lower: OpHandler = (x, ctx, call) => {
  const to = call.a as number;
  const from = ctx.irql;
  if (!isIrql(to) || to > from) {
    x.emit({ type: 'irql-misuse', ctx, via: 'KeLowerIrql', from, to, seq: call.seq });
    x.stop({ kind: 'bug-check', ctx, code: '0xC4/0x31', check: 'irql-restore', rule: 'Verifier 0xC4/0x31', message: 'KeLowerIrql to a higher IRQL' });
    return OpStatus.Settled;
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
