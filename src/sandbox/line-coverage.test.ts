import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDriver } from './compile.js';

const work = mkdtempSync(join(tmpdir(), 'spinlab-line-coverage-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Compiles `source` as driver.ts and gives its marked statements and bundle. */
async function marked(source: string) {
  writeFileSync(join(work, 'driver.ts'), source);
  const compiled = await compileDriver(join(work, 'driver.ts'), work);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
  return compiled.driver;
}

describe('statement marks', () => {
  it('marks each statement of the student\'s functions once, on its own line, and none of the rewrites\' own', async () => {
    const driver = await marked(
      [
        'let total = 0;', // 1: module top level: runs at load, not counted
        'export async function Run(ext: { n: number }, on: boolean): Promise<number> {', // 2
        '  ext.n = ext.n + 1;', // 3: a store site precedes nothing; a statement site precedes line 4
        '  if (on) return 1;', // 4: the if, and its lone return (wrapped in braces)
        '  for (let i = 0; i < 2; i++) total += i;', // 5: the loop (a cell: the rewrite copies it) and its body
        '  outer: for (const x of [1]) { if (x) continue outer; }', // 6: the label stands for its loop
        '  return total;', // 7
        '}',
        'export const helper = (x: number): number => {', // 9
        '  const y = x * 2;', // 10
        '  return y;', // 11
        '};',
      ].join('\n'),
    );
    expect(driver.statements.map((s) => [s.line, s.routine])).toEqual([
      [3, 'Run'], [4, 'Run'], [4, 'Run'], [5, 'Run'], [5, 'Run'], [6, 'Run'], [6, 'Run'], [6, 'Run'], [7, 'Run'],
      [10, 'helper'], [11, 'helper'],
    ]);
    const marks = [...driver.code.matchAll(new RegExp(`${driver.stateParameter}\\.ran\\[(\\d+)\\] = 1;`, 'g'))].map((m) => Number(m[1]));
    expect(marks).toEqual(driver.statements.map((_, i) => i));
  });

  it('names a routine by the student\'s name for it, whatever the bundle calls it', async () => {
    const driver = await marked('export function DispatchRead(): number {\n  const DispatchRead = 1;\n  return DispatchRead;\n}\n');
    expect(driver.statements.map((s) => s.routine)).toEqual(['DispatchRead', 'DispatchRead']);
  });
});
