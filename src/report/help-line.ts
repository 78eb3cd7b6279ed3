/**
 * The `help:` line of a diagnostic: the concrete edit, written with the
 * student's own names (the lock, the field, the call at the line, the
 * variable the acquire saved its IRQL in). Chosen from the finding's data:
 * its cause when the finding carries one (a key advice can be filed under),
 * else its check.
 */
import type { ResultFinding, ResultRelated } from '../rubric/result.js';
import { visibleText } from './sanitize.js';
import { accessAt, spanAt } from './source-span.js';

/** A finding as the help line reads it; its `cause`, when present, names what happened and is looked up before the check. */
export type HelpInput = ResultFinding;

type Advice = (f: HelpInput) => string | null;

/** The call that reaches data shared with an ISR; its arguments are placeholders (the student's interrupt object and SynchCritSection routine). */
const SYNCHRONIZE = 'KeSynchronizeExecution(interrupt, SynchCritSection, context)';

/** Each acquire routine (longest name first, as one prefixes another) and the release that pairs with it, given the lock, the saved IRQL's name and the handle's. */
const PAIRS: ReadonlyArray<{ readonly acquire: string; readonly release: (lock: string, old: string, handle: string) => string }> = [
  { acquire: 'KeAcquireInStackQueuedSpinLockAtDpcLevel', release: (_l, _o, handle) => `KeReleaseInStackQueuedSpinLockFromDpcLevel(${handle})` },
  { acquire: 'KeAcquireInStackQueuedSpinLock', release: (_l, _o, handle) => `KeReleaseInStackQueuedSpinLock(${handle})` },
  { acquire: 'KeAcquireSpinLockAtDpcLevel', release: (lock) => `KeReleaseSpinLockFromDpcLevel(${lock})` },
  { acquire: 'KeAcquireInterruptSpinLock', release: (_l, old) => `KeReleaseInterruptSpinLock(interrupt, ${old})` },
  { acquire: 'KeAcquireSpinLock', release: (lock, old) => `KeReleaseSpinLock(${lock}, ${old})` },
];

const ADVICE: Readonly<Record<string, Advice>> = {
  // By cause (FINDING_CAUSES): what happened, whichever check saw it.
  'lock-reinitialized-while-held': (f) => `initialize ${f.lock ?? 'the lock'} exactly once, in AddDevice or DriverEntry: delete the KeInitializeSpinLock${inRoutine(causeSite(f))} that runs while the lock can be held`,
  'lock-released-not-held': (f) => `release ${f.lock ?? 'the lock'} only where it was acquired, once: delete the extra release${inRoutine(causeSite(f))} (one release per acquire)`,
  'irp-in-two-routines': (f) => `complete each IRP exactly once, and touch it no more after IoCompleteRequest: ${bothRoutines(f)} must not both handle it`,
  'spin-lock-in-interrupt-context': (f) =>
    `take ${f.lock ?? 'the spin lock'} out of ${f.routine ?? 'the ISR'}: never take an ordinary spin lock in an ISR — share data with it only under its interrupt spin lock (\`await ${SYNCHRONIZE}\`, or KeAcquireInterruptSpinLock)`,
  'acquired-twice-in-one-call': (f) => `take ${f.lock ?? 'the lock'} once per call: drop the inner acquire (its caller already holds the lock), or release before calling it`,
  'uninitialized-lock': (f) => `initialize it once before any routine can use it: \`await KeInitializeSpinLock(${f.lock ?? 'lock'})\` in AddDevice (before IoConnectInterrupt for an interrupt lock)`,
  'reinitialized-lock': (f) => `delete this KeInitializeSpinLock: initialize ${f.lock ?? 'the lock'} exactly once, in AddDevice or DriverEntry`,
  'recursive-acquire': (f) => `release ${f.lock ?? 'the lock'} on every path before it can be taken again — or take it once, in the caller only`,
  'release-not-held': (f) => `delete this release, or move it onto the path that acquired ${f.lock ?? 'the lock'}: one release per acquire`,
  'held-at-return': (f) => `release before this return: \`await ${releaseCall(f)}\``,
  'wrong-releaser': (f) => `move the release into the routine that acquired ${f.lock ?? 'the lock'}${(f.related[0]?.routine ?? null) === null ? '' : ` (${f.related[0]!.routine})`}, before it returns`,
  'irql-acquire': (f) => `do not take ${f.lock ?? 'a spin lock'} here: reach data shared with the ISR through \`await ${SYNCHRONIZE}\``,
  'irql-dpc-level': (f) => `below DISPATCH_LEVEL, use \`const oldIrql = await KeAcquireSpinLock(${f.lock ?? 'lock'})\` … \`await KeReleaseSpinLock(${f.lock ?? 'lock'}, oldIrql)\``,
  'irql-restore': (f) =>
    /IrqlReturn|0x111/.test(f.rule)
      ? 'before it returns, undo every raise: each acquire released, each KeRaiseIrql matched by `KeLowerIrql(oldIrql)` with the value it returned'
      : f.rule.includes('0x32')
        ? `release ${f.lock ?? 'the lock'} while still at DISPATCH_LEVEL, where its acquire left the CPU: lower IRQL only after the release`
        : `pass back exactly what the acquire returned: \`await ${releaseCall(f)}\``,
  'api-mismatch': (f) => `take and release ${f.lock ?? f.target ?? 'the lock'} with one family of routines everywhere (acquire and release that pair)`,
  'queue-handle': () => 'declare one KLOCK_QUEUE_HANDLE per acquisition, as a local of the acquiring routine: `const handle = new KLOCK_QUEUE_HANDLE()`',
  'release-order': (f) => `release the lock taken last first, then ${f.lock ?? 'this lock'}`,
  deadlock: () => 'take nested locks in one global order, and release every lock on every path (early returns too)',
  'lock-order': () => 'pick one order for these locks and take them in that order in every routine',
  'data-race': raceAdvice,
  'unsafe-under-lock': (f) => `move this call after the release of ${f.locks?.join(' and ') ?? 'the lock'}`,
  'missing-await': (f) => `add await: \`await ${callAt(f) ?? 'Ke…(…)'}\``,
  'routine-threw': (f) => `find why ${f.routine ?? 'it'} threw (the value is in the note above) and handle that case: no exception may leave a driver routine`,
  'step-limit': () => 'make every loop finish: never spin on shared memory yourself — take the lock, or await only spinlab kernel routines',
  invariant: () => 'fix the finding this state follows from (a race, a lost lock, a missing completion): the invariant only judges the final state',
};

/** The edit to suggest for `finding` (without `help: `); null when there is none to make from its data. */
export function helpFor(finding: HelpInput): string | null {
  const advice = (finding.cause === undefined ? undefined : ADVICE[finding.cause]) ?? ADVICE[finding.check];
  return advice === undefined ? null : advice(finding);
}

function raceAdvice(f: HelpInput): string {
  const access = f.source === null || f.location === null ? 'access' : accessAt(f.source, spanAt(f.source, f.location.column)) === 'written' ? 'write' : 'read';
  const theirs = f.related.flatMap((r) => r.locks ?? []).filter((lock) => !(f.locks ?? []).includes(lock));
  if (theirs.length === 0) return `protect every access to ${f.target ?? 'it'} with one spin lock (a KSPIN_LOCK beside it, initialized once): \`const oldIrql = await KeAcquireSpinLock(lock)\` … \`await KeReleaseSpinLock(lock, oldIrql)\` around each`;
  const lock = theirs[0]!;
  return `take ${lock} around this ${access}: \`const oldIrql = await KeAcquireSpinLock(${lock})\` … \`await KeReleaseSpinLock(${lock}, oldIrql)\``;
}

/** Where the cause happened, when elsewhere: a finding with a cause puts that site last among its related sites. */
function causeSite(f: HelpInput): ResultRelated | undefined {
  return f.related.length > 1 ? f.related[f.related.length - 1] : undefined;
}

/** ` in DispatchRead`, or '' when the site has no routine. */
function inRoutine(site: ResultRelated | undefined): string {
  return site?.routine === null || site?.routine === undefined ? '' : ` in ${site.routine}`;
}

/** `DispatchWrite and CompletionDpc` (the finding's routine and its other side's), or `two calls of DispatchWrite`. */
function bothRoutines(f: HelpInput): string {
  const other = f.related[0]?.routine ?? null;
  if (other === null || other === f.routine) return `two calls of ${f.routine ?? 'one routine'}`;
  return `${f.routine ?? 'one routine'} and ${other}`;
}

/** The release that pairs with the acquire on one of the finding's lines (KeReleaseSpinLock when none shows), with the student's names. */
function releaseCall(f: HelpInput): string {
  const lines = [f.source, ...f.related.map((r) => r.source)].filter((s): s is string => s !== null);
  const lock = f.lock ?? 'lock';
  for (const line of lines) {
    const pair = PAIRS.find((p) => new RegExp(`\\b${p.acquire}\\s*\\(`).test(line));
    if (pair === undefined) continue;
    const old = new RegExp(`(\\w+)\\s*=\\s*(?:await\\s+)?${pair.acquire}\\b`).exec(line)?.[1] ?? 'oldIrql';
    const handle = new RegExp(`${pair.acquire}\\s*\\([^,]*,\\s*([\\w.$]+)`).exec(line)?.[1] ?? 'handle';
    return pair.release(lock, old, handle);
  }
  return PAIRS[PAIRS.length - 1]!.release(lock, 'oldIrql', 'handle');
}

/** The call at the finding's own column, as written (`KeSynchronizeExecution(ext.Interrupt, Sync, ext)`) and made visible (source lines reach the report raw); null when there is none. */
function callAt(f: HelpInput): string | null {
  if (f.source === null || f.location === null) return null;
  const span = spanAt(f.source, f.location.column);
  const text = f.source.slice(span.from - 1, span.to - 1).replace(/^await\s+/, '');
  return /^[\w$.]+\s*\(/.test(text) ? visibleText(text) : null;
}
