/** KeRaiseIrql, KeLowerIrql, KeStallExecutionProcessor. */
import { HIGH_LEVEL, isIrql } from '../../kernel/irql.js';
import { Op } from '../../kernel/protocol.js';
import type { OpHandler } from '../execution.js';
import { bugCheck, bugCheckRule } from './bug-checks.js';

// A misuse is reported by irql-restore (from the event) and stops the machine, as the real routines bug-check.

/** The bug check KeRaiseIrql to a lower IRQL raises. */
const RAISE_MISUSE = { code: '0x9', name: 'IRQL_NOT_GREATER_OR_EQUAL' };
/** The Verifier bug check KeLowerIrql to a higher IRQL raises. */
const LOWER_MISUSE = { code: '0xC4/0x31', name: '' };

/** The rule of the bug check a misuse of IRQL routine `via` raises (irql-restore reports it). */
export function irqlMisuseRule(via: string): string {
  const misuse = via === 'KeRaiseIrql' ? RAISE_MISUSE : LOWER_MISUSE;
  return bugCheckRule(misuse.code, misuse.name);
}

const raise: OpHandler = (x, ctx, call) => {
  const to = call.a as number;
  const from = ctx.irql;
  if (!isIrql(to) || to < from) {
    x.emit({ type: 'irql-misuse', ctx, via: 'KeRaiseIrql', from, to, seq: call.seq });
    return bugCheck(x, ctx, RAISE_MISUSE.code, RAISE_MISUSE.name, 'KeRaiseIrql to a lower IRQL', 'irql-restore');
  }
  ctx.irql = to;
  return x.returns(from);
};

const lower: OpHandler = (x, ctx, call) => {
  const to = call.a as number;
  const from = ctx.irql;
  if (!isIrql(to) || to > from) {
    x.emit({ type: 'irql-misuse', ctx, via: 'KeLowerIrql', from, to, seq: call.seq });
    return bugCheck(x, ctx, LOWER_MISUSE.code, LOWER_MISUSE.name, 'KeLowerIrql to a higher IRQL', 'irql-restore');
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
