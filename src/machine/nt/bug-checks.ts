/** Bug checks: violations after which the simulated machine stops, as Driver Verifier stops a real one. */
import { irqlName } from '../../kernel/irql.js';
import type { Context } from '../context.js';
import { OpStatus, type Execution } from '../execution.js';

/** The Verifier codes of the IRQL bug checks, by check id and routine. */
const IRQL_CODES: Readonly<Record<string, string>> = {
  'irql-acquire': '0xC4/0x42',
  'irql-dpc-level': '0xC4/0x40',
};

/**
 * An IRQL violation on a spin lock routine (KeAcquireSpinLock above
 * DISPATCH_LEVEL, an AtDpcLevel routine below it). The check of the same id
 * reports it from the acquire/release event; the machine stops here.
 */
export function irqlViolation(x: Execution, ctx: Context, check: 'irql-acquire' | 'irql-dpc-level', routine: string, irql: number): OpStatus.Settled {
  const code = routine.endsWith('FromDpcLevel') ? '0xC4/0x41' : (IRQL_CODES[check] ?? '0xC4');
  x.stop({ kind: 'bug-check', ctx, code, check, rule: code, message: `${routine} at ${irqlName(irql)}` });
  return OpStatus.Settled;
}

/**
 * A bug check that no other check reports (completing an IRP twice, a
 * double free…): the routine-threw check reports it, under the bug check's
 * own code and name (`bug check 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS`,
 * `Verifier 0xC4/0xB0` for a Driver Verifier violation).
 */
export function bugCheck(x: Execution, ctx: Context, code: string, name: string, message: string): OpStatus.Settled {
  const rule = code.startsWith('0xC4/') ? `Verifier ${code} ${name}` : `bug check ${code} ${name}`;
  x.stop({ kind: 'bug-check', ctx, code, check: 'routine-threw', rule, message });
  return OpStatus.Settled;
}
