/**
 * The words of a finding's diagnostic that are not the check's own message:
 * the headline after `error[SL0015]: `, and the labels under its primary
 * (`^^^`) and related (`---`) sites. Made from the finding's data (check,
 * lock, target, routine, CPU, locks held) and, for a race, from the source
 * line itself (whether the access there reads or writes).
 */
import { irqlName } from '../kernel/irql.js';
import type { ResultFinding, ResultRelated } from '../rubric/result.js';
import { accessAt, spanAt } from './source-span.js';

type Words = (f: ResultFinding) => string;

const HEADLINES: Readonly<Record<string, Words>> = {
  'uninitialized-lock': (f) => `${f.lock ?? 'a spin lock'} used before KeInitializeSpinLock`,
  'reinitialized-lock': (f) => `${f.lock ?? 'a spin lock'} initialized again`,
  'recursive-acquire': (f) => `${f.lock ?? 'a spin lock'} acquired again on the CPU that holds it`,
  'release-not-held': (f) => `${f.lock ?? 'a spin lock'} released but not held`,
  'held-at-return': (f) => `${f.routine ?? 'a routine'} returns holding ${f.lock ?? 'a spin lock'}`,
  'wrong-releaser': (f) => `${f.lock ?? 'a spin lock'} released by code that did not acquire it`,
  'irql-acquire': (f) => `${f.lock ?? 'a spin lock'} acquired above DISPATCH_LEVEL`,
  'irql-dpc-level': (f) => `DPC-level spin lock routine called at ${f.irql === null ? 'a lower IRQL' : irqlName(f.irql)}`,
  'irql-restore': () => 'IRQL not restored to what it was',
  'api-mismatch': (f) => `${f.lock ?? f.target ?? 'a lock'} used with routines that do not pair`,
  'queue-handle': () => 'KLOCK_QUEUE_HANDLE misused',
  'release-order': (f) => `${f.lock ?? 'a lock'} released before a lock taken after it`,
  deadlock: () => 'deadlock: the CPUs wait for each other forever',
  'lock-order': (f) => (sharedWithIsr(f) ? `${f.lock ?? 'a spin lock'} taken both in an ISR and at DISPATCH_LEVEL or below` : 'locks taken in opposite orders'),
  'data-race': (f) => `data race on ${f.target ?? 'shared state'}`,
  'unsafe-under-lock': () => 'call not allowed while holding a spin lock',
  'missing-await': () => 'kernel call not awaited',
  'routine-threw': (f) => `${f.routine ?? 'the driver'} threw`,
  'step-limit': () => 'the schedule never finished',
  invariant: (f) => `invariant \`${f.name ?? '?'}\` failed`,
  // Not a check: the type-check item's finding, a type error in tsc's words (or why none was looked for).
  typecheck: (f) => (f.location === null ? 'not type-checked' : f.message),
};

const PRIMARY_LABELS: Readonly<Record<string, Words>> = {
  'uninitialized-lock': () => 'used here before it is initialized',
  'reinitialized-lock': () => 'initialized again here',
  'recursive-acquire': (f) => `acquired again here${onCpu(f.cpu)}`,
  'release-not-held': () => 'released here, but not held',
  'held-at-return': (f) => `returns here still holding ${f.lock ?? 'the lock'}`,
  'wrong-releaser': (f) => `released here by ${f.routine ?? 'another routine'}${onCpu(f.cpu)}`,
  'irql-acquire': (f) => `called here at ${f.irql === null ? 'too high an IRQL' : irqlName(f.irql)}`,
  'irql-dpc-level': (f) => `called here at ${f.irql === null ? 'too low an IRQL' : irqlName(f.irql)}`,
  'irql-restore': (f) => IRQL_RESTORE_LABELS.find(([rule]) => f.rule.includes(rule))?.[1] ?? 'the IRQL goes wrong here',
  'api-mismatch': () => 'the call that does not pair',
  'queue-handle': () => 'the handle is misused here',
  'release-order': () => 'released out of order here',
  deadlock: (f) => `spins here forever${onCpu(f.cpu)}`,
  'lock-order': () => 'takes the locks in this order',
  'unsafe-under-lock': (f) => `called here${holding(f.locks)}`,
  'missing-await': () => 'not awaited',
  'routine-threw': () => 'threw here',
  'step-limit': () => 'never gets past here',
  invariant: () => 'failed',
};

/** The kinds of irql-restore finding, told apart by the rule each cites, and what its site did. */
const IRQL_RESTORE_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['IrqlKeReleaseSpinLock', 'passes another OldIrql than its acquire returned'],
  ['IrqlReturn', 'returns at another IRQL than it was entered at'],
  ['0x111', 'returns at another IRQL than it was entered at'],
  ['0x32', 'released below DISPATCH_LEVEL'],
];

/** The headline of `finding`'s diagnostic, after its severity and code. */
export function headlineOf(finding: ResultFinding): string {
  // One line, whatever a message quoted holds (tsc's run over several).
  return (HEADLINES[finding.check] ?? (() => finding.rule))(finding).replace(/\s+/g, ' ').trim();
}

/** The label under `finding`'s own site: for a race, whether it reads or writes there and what it held (`read here on CPU 3, no lock`). */
export function primaryLabelOf(finding: ResultFinding): string {
  if (finding.check === 'data-race' && finding.source !== null && finding.location !== null) {
    return `${accessAt(finding.source, spanAt(finding.source, finding.location.column))} here${onCpu(finding.cpu)}${holding(finding.locks)}`;
  }
  return (PRIMARY_LABELS[finding.check] ?? (() => ''))(finding);
}

/** The label under a related site: the check's own label, with the routine, CPU and locks held there; a race's other side as `written here on CPU 0, holding ext.Lock`. */
export function relatedLabelOf(finding: ResultFinding, related: ResultRelated): string {
  if (finding.check === 'data-race' && related.source !== null && related.location !== null) {
    const access = accessAt(related.source, spanAt(related.source, related.location.column));
    return `${access} here${related.routine === null || related.routine === finding.routine ? '' : ` by ${related.routine}`}${onCpu(related.cpu)}${holding(related.locks)}`;
  }
  // The label may name the routine already (`ext.Count last written here by DispatchWrite`): then only the CPU is added.
  const routine = related.routine === null || related.label.includes(related.routine) ? null : related.routine;
  const who = [routine, related.cpu === null ? null : `CPU ${related.cpu}`].filter((p) => p !== null).join(' on ');
  return `${related.label}${who === '' ? '' : ` (${who})`}${holding(related.locks)}`;
}

/**
 * Whether a lock-order finding is a lock shared with an ISR (lockdep's
 * IN-HARDIRQ vs HARDIRQ-ON, the rule it cites) rather than two locks taken in
 * opposite orders: the cure differs.
 */
function sharedWithIsr(finding: ResultFinding): boolean {
  return finding.check === 'lock-order' && finding.rule.startsWith('lockdep');
}

/** ` on CPU 2`, or '' when not known. */
function onCpu(cpu: number | null): string {
  return cpu === null ? '' : ` on CPU ${cpu}`;
}

/** `, holding ext.Lock`, `, no lock`, or '' when not known. */
function holding(locks: readonly string[] | undefined): string {
  return locks === undefined ? '' : locks.length === 0 ? ', no lock' : `, holding ${locks.join(' and ')}`;
}
