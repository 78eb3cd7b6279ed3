/** Bug checks: violations after which the simulated machine stops, as Driver Verifier stops a real one. */
import { irqlName } from '../../kernel/irql.js';
import type { Context } from '../context.js';
import type { StopReason } from '../events.js';
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

/** Where a bug check points besides its own site (where a use after free's memory was freed). */
type BugCheckRelated = NonNullable<Extract<StopReason, { kind: 'bug-check' }>['related']>;

/**
 * A bug check: by default one no other check reports (completing an IRP
 * twice, a double free…), which the routine-threw check reports under the
 * bug check's own code and name (see {@link bugCheckRule}); `check` names the
 * check that reports it otherwise.
 */
export function bugCheck(
  x: Execution,
  ctx: Context,
  code: string,
  name: string,
  message: string,
  check = 'routine-threw',
  related?: BugCheckRelated,
): OpStatus.Settled {
  const rule = bugCheckRule(code, name);
  x.stop({ kind: 'bug-check', ctx, code, check, rule, message, ...(related === undefined ? {} : { related }) });
  return OpStatus.Settled;
}

/** `bug check 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS`; `Verifier 0xC4/0xB0 …` for a Driver Verifier violation; the name may be empty. */
export function bugCheckRule(code: string, name: string): string {
  const rule = code.startsWith('0xC4/') ? `Verifier ${code}` : `bug check ${code}`;
  return name === '' ? rule : `${rule} ${name}`;
}
