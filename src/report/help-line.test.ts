import { describe, expect, it } from 'vitest';
import type { ResultFinding } from '../rubric/result.js';
import { helpFor } from './help-line.js';

const base: ResultFinding = {
  check: 'data-race',
  rule: 'happens-before race',
  message: 'm',
  routine: 'DispatchRead',
  context: 'thread',
  cpu: 1,
  irql: 0,
  target: 'ext.Count',
  locks: [],
  location: { file: 'driver.ts', line: 34, column: 18 },
  source: '  ext.Seen = ext.Count;',
  related: [{ label: 'the other write', routine: 'DispatchWrite', cpu: 0, locks: ['ext.Lock'], location: { file: 'driver.ts', line: 27, column: 7 }, source: '  ext.Count = ext.Count + 1;' }],
  schedulesFailed: 1,
  schedule: null,
  replay: null,
};

describe('helpFor', () => {
  it('asks to take the lock the other side held around this read', () => {
    expect(helpFor(base)).toBe('take ext.Lock around this read: `const oldIrql = await KeAcquireSpinLock(ext.Lock)` … `await KeReleaseSpinLock(ext.Lock, oldIrql)`');
  });

  it('asks for one lock around every access when neither side held one', () => {
    const bare = { ...base, related: [{ ...base.related[0]!, locks: [] }] };
    expect(helpFor(bare)).toMatch(/^protect every access to ext\.Count with one spin lock/);
  });

  it('adds await to the call at the line, as the student wrote it', () => {
    const source = '  KeSynchronizeExecution(ext.Interrupt, TakeData, ext);';
    const help = helpFor({ ...base, check: 'missing-await', location: { file: 'driver.ts', line: 9, column: 3 }, source, related: [] });
    expect(help).toBe('add await: `await KeSynchronizeExecution(ext.Interrupt, TakeData, ext)`');
  });

  it('shows the call made visible: a source line reaches the report raw', () => {
    const source = '  KeFoo(ext.Lock, "\u001b[2J\u202e");';
    const help = helpFor({ ...base, check: 'missing-await', location: { file: 'driver.ts', line: 9, column: 3 }, source, related: [] });
    expect(help).toMatch(/^add await: `await KeFoo\(/);
    expect(help).not.toMatch(/[\u001b\u202e]/);
  });

  it('releases a lock held at return with the routine that pairs with its acquire, and the student’s names', () => {
    const acquire = { label: 'acquired here', routine: 'DispatchWrite', cpu: 0, location: { file: 'driver.ts', line: 20, column: 3 }, source: '  const saved = await KeAcquireSpinLock(ext.Lock);' };
    const finding = { ...base, check: 'held-at-return', lock: 'ext.Lock', source: '    return STATUS_SUCCESS;', related: [acquire] };
    expect(helpFor(finding)).toBe('release before this return: `await KeReleaseSpinLock(ext.Lock, saved)`');
    const queued = { ...acquire, source: '  await KeAcquireInStackQueuedSpinLock(ext.Lock, lockHandle);' };
    expect(helpFor({ ...finding, related: [queued] })).toBe('release before this return: `await KeReleaseInStackQueuedSpinLock(lockHandle)`');
  });

  it('tells the kinds of IRQL restore apart by the rule they cite', () => {
    const restore = { ...base, check: 'irql-restore', lock: 'ext.Lock', related: [] };
    expect(helpFor({ ...restore, rule: 'SDV IrqlKeReleaseSpinLock' })).toMatch(/^pass back exactly what the acquire returned/);
    expect(helpFor({ ...restore, rule: 'SDV IrqlReturn' })).toMatch(/^before it returns, undo every raise/);
    expect(helpFor({ ...restore, rule: 'Verifier 0xC4/0x32' })).toMatch(/^release ext\.Lock while still at DISPATCH_LEVEL/);
  });

  it('sends a lock taken in an ISR to KeSynchronizeExecution (the cause the checks name), not to a lock order', () => {
    // As lock-order's ISR sharing and recursive-acquire report it: the cause set by the check, the ISR's routine.
    const cause = 'spin-lock-in-interrupt-context';
    const isr = { ...base, check: 'lock-order', routine: 'DeviceIsr', lock: 'ext.DpcLock', rule: 'lockdep inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage', cause, related: [] };
    expect(helpFor(isr)).toMatch(/^take ext\.DpcLock out of DeviceIsr: .*KeSynchronizeExecution/);
    expect(helpFor({ ...isr, rule: 'Verifier 0xC4/0x1001', cause: undefined })).toMatch(/^pick one order/);
    const interrupted = { ...base, check: 'recursive-acquire', routine: 'DeviceIsr', lock: 'ext.DpcLock', context: 'isr', irql: 5, cause, related: [] };
    expect(helpFor(interrupted)).toMatch(/^take ext\.DpcLock out of DeviceIsr: .*KeSynchronizeExecution/);
    expect(helpFor({ ...interrupted, context: 'thread', irql: 2, cause: undefined })).toMatch(/^release ext\.DpcLock on every path/);
  });

  it('prefers advice filed under the finding’s cause, when it names one', () => {
    expect(helpFor({ ...base, cause: 'missing-await', source: '  KeStall(1);', location: { file: 'driver.ts', line: 3, column: 3 } })).toBe('add await: `await KeStall(1)`');
  });

  it('has advice for every cause, naming the routine at fault and no other', async () => {
    const { FINDING_CAUSES } = await import('../checks/finding.js');
    for (const cause of FINDING_CAUSES) expect(helpFor({ ...base, cause }), cause).not.toBeNull();
    const reinitSite = { label: 'ext.Lock re-initialized here', routine: 'DispatchRead', cpu: 2, location: null, source: null };
    const both = { ...base, locks: ['ext.Lock'], lock: 'ext.Lock', related: [{ ...base.related[0]!, routine: 'DispatchWrite' }, reinitSite] };
    const reinit = helpFor({ ...both, cause: 'lock-reinitialized-while-held' })!;
    expect(reinit).toContain('KeInitializeSpinLock in DispatchRead');
    expect(reinit).not.toContain('DispatchWrite');
    expect(helpFor({ ...both, cause: 'lock-released-not-held', related: [both.related[0]!, { ...reinitSite, routine: 'CancelRoutine' }] })).toContain('in CancelRoutine');
    const irp = helpFor({ ...base, target: 'IRP#2.IoStatus.Status', cause: 'irp-in-two-routines' })!;
    expect(irp).toContain('DispatchRead and DispatchWrite');
    expect(irp).not.toContain('KeAcquireSpinLock');
    const isr = helpFor({ ...base, check: 'deadlock', routine: 'DeviceIsr', context: 'isr', lock: 'ext.DpcLock', cause: 'spin-lock-in-interrupt-context' })!;
    expect(isr).toContain('out of DeviceIsr');
    expect(isr).not.toContain('global order');
  });

  it('has advice for every check id', async () => {
    const { CHECK_IDS } = await import('../checks/finding.js');
    for (const check of CHECK_IDS) expect(helpFor({ ...base, check }), check).not.toBeNull();
  });
});
