import { describe, expect, it } from 'vitest';
import type { IrpResult } from '../machine/index.js';
import { answerProblem, type ExpectedAnswer } from './answers.js';

const TOO_SMALL = 0xc0000023;
const expected: ExpectedAnswer[] = [
  { what: 'a read of 1 word', status: TOO_SMALL, information: 0 },
  { what: 'a write of 0 words', status: 0, information: 0 },
];
const irp = (number: number, status: number, information: number, completed = true): IrpResult =>
  ({ number, major: 3, thread: 'edges', device: 0, ioControlCode: 0, completed, returned: status, status, information, buffer: [] }) as IrpResult;

describe('answerProblem', () => {
  it('is null when every request got its answer (IRPs past the expected ones are not judged)', () => {
    expect(answerProblem([irp(7, TOO_SMALL, 0), irp(8, 0, 0), irp(9, 5, 5)], expected, 'edges')).toBeNull();
  });
  it('names the first request answered otherwise, with both statuses in hex', () => {
    expect(answerProblem([irp(7, 0, 2), irp(8, 1, 0)], expected, 'edges')).toBe(
      'a read of 1 word (IRP #7, thread edges) completed with status 0x0 and Information 2; expected 0xc0000023 and 0',
    );
  });
  it('says when a request was never completed or never sent', () => {
    expect(answerProblem([irp(7, TOO_SMALL, 0, false)], expected, 'edges')).toBe('a read of 1 word (thread edges) was never completed');
    expect(answerProblem([irp(7, TOO_SMALL, 0)], expected, 'edges')).toBe('a write of 0 words (thread edges) was never completed');
  });
});
