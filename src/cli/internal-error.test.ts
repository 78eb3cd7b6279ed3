import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTALL_ROOT } from '../host-paths.js';
import { exitCodeOf } from './exit-codes.js';
import { internalErrorText } from './internal-error.js';

describe('internal errors', () => {
  const error = new TypeError(`cannot read x of undefined in ${join(INSTALL_ROOT, 'dist/cli/main.js')}`);

  it('print one line without the install path, and how to get the stack', () => {
    const text = internalErrorText(error, undefined);
    expect(text).toBe('spinlab: internal error — please report it.\nTypeError: cannot read x of undefined in <spinlab>/dist/cli/main.js\n(run again with SPINLAB_DEBUG=1 for the stack trace)\n');
    expect(internalErrorText('a thrown string', '0')).toContain('\na thrown string\n');
  });

  it('print the whole stack, paths and all, with SPINLAB_DEBUG=1', () => {
    const text = internalErrorText(error, '1');
    expect(text).toContain(error.stack!);
    expect(text).toContain(INSTALL_ROOT);
  });
});

describe('the exit code of a result', () => {
  it('is 0 at full marks, 1 below (any status of the submission), 2 for a grader-error', () => {
    expect(exitCodeOf({ status: 'graded', score: 12, maxScore: 12 })).toBe(0);
    expect(exitCodeOf({ status: 'graded', score: 11, maxScore: 12 })).toBe(1);
    for (const status of ['compile-error', 'timed-out', 'crashed']) expect(exitCodeOf({ status, score: 0, maxScore: 12 })).toBe(1);
    expect(exitCodeOf({ status: 'grader-error', score: 0, maxScore: 12 })).toBe(2);
  });
});
