import { describe, expect, it } from 'vitest';
import { findModuleState } from './module-state.js';

describe('module-level state', () => {
  it('finds a module-level let and var, and a const object the module mutates, at their TypeScript lines', async () => {
    const source = [
      "import { KSPIN_LOCK, LIST_ENTRY } from 'spinlab/kernel';",
      'let count: number = 0;',
      'var total = 0;',
      'const queue: number[] = [];',
      'const table = [1, 2, 3];',
      'const lock = new KSPIN_LOCK();',
      'const head = new LIST_ENTRY();',
      'const stats = { reads: 0 };',
      'export async function DispatchWrite(): Promise<void> {',
      '  count++;',
      '  queue.push(count);',
      '  stats.reads += table[0]!;',
      '}',
    ].join('\n');
    const found = await findModuleState('driver.ts', source);
    expect(found.map(({ name, kind, line }) => ({ name, kind, line }))).toEqual([
      { name: 'count', kind: 'let', line: 2 },
      { name: 'total', kind: 'var', line: 3 },
      { name: 'queue', kind: 'object', line: 4 },
      { name: 'stats', kind: 'object', line: 8 },
    ]);
  });

  it('stays silent on constants, kernel objects and functions', async () => {
    const source = [
      "import { KSPIN_LOCK } from 'spinlab/kernel';",
      'const LIMIT = 8;',
      'const NAMES = ["a", "b"];',
      'const lock = new KSPIN_LOCK();',
      'export function f(): number { let local = 1; local++; return local + LIMIT + NAMES.length; }',
    ].join('\n');
    expect(await findModuleState('driver.ts', source)).toEqual([]);
  });
});
