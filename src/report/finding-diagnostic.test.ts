import kleur from 'kleur';
import { describe, expect, it } from 'vitest';
import type { ResultFinding } from '../rubric/result.js';
import { findingSnippet, renderFindingDiagnostic, wrapOutsideCode } from './finding-diagnostic.js';

const edge = (routine: string, line: number, column: number, source: string, takes: string, holding: string) => ({
  label: `${routine} takes ${takes} while holding ${holding}`,
  routine,
  cpu: 0,
  location: { file: 'driver.ts', line, column },
  source,
});

const lockOrder: ResultFinding = {
  check: 'lock-order',
  rule: 'Verifier 0xC4/0x1001',
  message: 'Locks are taken in opposite orders.',
  routine: 'DispatchWrite',
  context: 'thread',
  cpu: 0,
  irql: 2,
  location: { file: 'driver.ts', line: 30, column: 9 },
  source: '  await KeAcquireSpinLock(ext.B);',
  related: [edge('DispatchWrite', 30, 9, '  await KeAcquireSpinLock(ext.B);', 'ext.B', 'ext.A'), edge('DispatchRead', 52, 9, '  await KeAcquireSpinLock(ext.A);', 'ext.A', 'ext.B')],
  schedulesFailed: 1,
  schedule: 'AbC',
  replay: 'npx spinlab replay x --schedule AbC',
};

describe('findingSnippet', () => {
  it('gives the primary the label of a related site at its very place, and marks that place once', () => {
    const [block] = findingSnippet(lockOrder);
    expect(block!.lines.map((l) => l.line)).toEqual([30, 52]);
    expect(block!.lines[0]!.marks).toEqual([{ from: 9, to: 33, primary: true, label: 'DispatchWrite takes ext.B while holding ext.A (CPU 0)' }]);
    expect(block!.lines[1]!.marks).toEqual([{ from: 9, to: 33, primary: false, label: 'DispatchRead takes ext.A while holding ext.B (CPU 0)' }]);
  });

  it('shows a site with no source line as a note, and a finding with no place without a snippet', () => {
    kleur.enabled = false;
    const placeless = { ...lockOrder, location: null, source: null, related: [{ ...lockOrder.related[1]!, source: null }] };
    expect(findingSnippet(placeless)).toEqual([]);
    const lines = renderFindingDiagnostic(placeless, 'error', kleur, '');
    expect(lines[0]).toBe('error[SL0014]: locks taken in opposite orders');
    expect(lines.some((l) => l.includes('-->'))).toBe(false);
    expect(lines.some((l) => /= note: DispatchRead takes ext\.A while holding ext\.B \(CPU 0\) at driver\.ts:52$/.test(l))).toBe(true);
  });
});

describe('a type error', () => {
  it('is headed by tsc’s code and words, with no explain hint (spinlab explain knows checks, not tsc codes)', () => {
    kleur.enabled = false;
    const typeError: ResultFinding = { ...lockOrder, check: 'typecheck', rule: 'tsc TS2322', message: "Type 'string' is not assignable to type 'number'.", related: [], source: '  ext.Count = "1";', location: { file: 'driver.ts', line: 4, column: 3 } };
    const lines = renderFindingDiagnostic(typeError, 'error', kleur, '');
    expect(lines[0]).toBe("error[TS2322]: Type 'string' is not assignable to type 'number'.");
    expect(lines.filter((l) => l.includes('not assignable'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('For more'))).toBe(false);
  });
});

describe('wrapOutsideCode', () => {
  it('never breaks a code span, and breaks the words around it', () => {
    const lines = wrapOutsideCode('take ext.Lock around this read: `const oldIrql = await KeAcquireSpinLock(ext.Lock)` and then go on', 30);
    expect(lines).toContain('`const oldIrql = await KeAcquireSpinLock(ext.Lock)`');
    expect(lines.join(' ')).toBe('take ext.Lock around this read: `const oldIrql = await KeAcquireSpinLock(ext.Lock)` and then go on');
    for (const line of lines) if (!line.includes('`')) expect(line.length).toBeLessThanOrEqual(30);
  });
});
