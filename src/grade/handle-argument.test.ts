import { describe, expect, it } from 'vitest';
import { handleArgument } from './handle-argument.js';

/** What the regular expressions handle-argument.ts replaced found (they backtracked quadratically on long arguments). */
function byRegex(line: string): string | undefined {
  const acquire = /KeAcquireInStackQueuedSpinLock(?:AtDpcLevel)?\s*\(\s*[^,()]+,\s*([\w$.[\]]+)\s*\)/.exec(line);
  if (acquire !== null) return acquire[1];
  return /KeReleaseInStackQueuedSpinLock(?:FromDpcLevel)?\s*\(\s*([\w$.[\]]+)\s*\)/.exec(line)?.[1];
}

describe('handleArgument', () => {
  const lines = [
    'await KeAcquireInStackQueuedSpinLock(ext.Lock, handle);',
    'await KeAcquireInStackQueuedSpinLockAtDpcLevel( ext.Lock ,  h[0] );',
    'await KeReleaseInStackQueuedSpinLock(handle);',
    'await KeReleaseInStackQueuedSpinLockFromDpcLevel (  ext.handles[i]\t);',
    'KeAcquireInStackQueuedSpinLock(f(x), h); KeAcquireInStackQueuedSpinLock(lock, second);',
    'KeAcquireInStackQueuedSpinLock(   , h)',
    'KeAcquireInStackQueuedSpinLock(lock, h + 1)',
    'KeAcquireInStackQueuedSpinLock (lock,)',
    'KeReleaseInStackQueuedSpinLock(h); KeAcquireInStackQueuedSpinLock(l, a)',
    'KeAcquireInStackQueuedSpinLockX(l, a) KeReleaseInStackQueuedSpinLock($h)',
    'no call here',
    '',
  ];
  it.each(lines)('reads %j as the regular expressions did', (line) => {
    expect(handleArgument(line)).toBe(byRegex(line));
  });

  it('finds the handle on the lines a finding quotes', () => {
    expect(handleArgument('  await KeAcquireInStackQueuedSpinLock(ext.Lock, lockHandle);')).toBe('lockHandle');
    expect(handleArgument(null)).toBeUndefined();
  });

  // The line that took 69 s: a call whose first argument runs on and on. Each is ~1 MB; one pass each.
  const mb = 1 << 20;
  it.each([
    ['blanks after the parenthesis, no comma', `KeAcquireInStackQueuedSpinLock(${' '.repeat(mb)}x`],
    ['a long lock, no closing parenthesis', `KeAcquireInStackQueuedSpinLock(${'a'.repeat(mb)}, h`],
    ['a long handle, never closed', `KeReleaseInStackQueuedSpinLock(${'h'.repeat(mb)} `],
    ['many calls, none well formed', 'KeAcquireInStackQueuedSpinLock( a'.repeat(mb / 33)],
    ['blanks before the parenthesis', `KeReleaseInStackQueuedSpinLock${'\t'.repeat(mb)}`],
  ])('%s: one pass', (_name, line) => {
    expect(handleArgument(line)).toBeUndefined();
  }, 20_000);
});
