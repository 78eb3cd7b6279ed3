/** Test support: runs the all-paths rule over one TypeScript driver given as text. */
import { parseTypeScriptSync } from '../../sandbox/typescript-module.js';
import type { AstNode } from '../../sandbox/ast-walk.js';
import { checkAllPaths, type AllPathsReport } from './lock-paths.js';

/** The kernel imports every test driver starts with. */
const IMPORTS = `import { KeAcquireSpinLock, KeReleaseSpinLock, KeAcquireSpinLockAtDpcLevel, KeReleaseSpinLockFromDpcLevel, KeAcquireInStackQueuedSpinLock, KeReleaseInStackQueuedSpinLock, KeRaiseIrql, KeLowerIrql, KLOCK_QUEUE_HANDLE, KSPIN_LOCK, DISPATCH_LEVEL, type KIRQL } from 'spinlab/kernel';
interface Ext { Lock: KSPIN_LOCK; Other: KSPIN_LOCK; Count: number; Items: number[] }
`;

/** The rule's report on `body` (after the imports above; line numbers count from the file's first line). */
export function checkDriver(body: string): AllPathsReport {
  const text = `${IMPORTS}${body}`;
  const parsed = parseTypeScriptSync('driver.ts', text);
  return checkAllPaths([{ file: 'driver.ts', program: parsed.program as unknown as AstNode, code: parsed.code, lineOf: (p) => parsed.place(p).line }]);
}

/** The line (1-based) of the first line of `text` (imports included) that contains `marker`. */
export function lineOf(body: string, marker: string): number {
  const lines = `${IMPORTS}${body}`.split('\n');
  const index = lines.findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line contains ${marker}`);
  return index + 1;
}
