import { describe, expect, it } from 'vitest';
import { findAugmentations } from './declaration-scan.js';

const kinds = (dts: string) => findAugmentations(dts).map(({ kind, name }) => (name === undefined ? kind : `${kind} ${name}`));

describe('declarations that change types outside their file', () => {
  it('finds declare module "…" (with or without a body) and declare global, at their declare', () => {
    const dts = [
      "import { type KSPIN_LOCK } from 'spinlab/kernel';",
      "declare module 'spinlab/kernel' {",
      '    function KeAcquireSpinLock(lock: any): any;',
      '}',
      'declare global {',
      '    interface Number { loose: any; }',
      '}',
      'declare module "anything";',
      'export declare const x: KSPIN_LOCK;',
    ].join('\n');
    expect(kinds(dts)).toEqual(["module 'spinlab/kernel'", 'global', 'module "anything"']);
    expect(findAugmentations(dts)[0]!.offset).toBe(dts.indexOf('declare module'));
  });

  it('finds them written with escaped keywords or odd whitespace', () => {
    expect(kinds('decl\\u0061re gl\\u{6f}bal {}')).toEqual(['global']);
    expect(kinds('declare\u3000module\u00a0"x" {}')).toEqual(['module "x"']);
    expect(kinds('export {};\nglobal { }')).toEqual(['global']);
  });

  it('stays silent on the same words in strings, template literal types, comments and names', () => {
    const dts = [
      "export declare const s: 'declare global {';",
      'export declare const t: "declare module \\"x\\" {";',
      'export type T = `declare global {${string}declare module "y" {`;',
      'export type U = `a${`declare global {`}b`;',
      '// declare global {',
      '/* declare module "z" { */',
      'declare namespace global { }',
      'export interface global { }',
      'export declare class module { }',
      'export declare const o: { global: { a: 1 } };',
    ].join('\n');
    expect(findAugmentations(dts)).toEqual([]);
  });

  it('reads a template literal type nested in a template literal type', () => {
    expect(kinds('type A = `x${`y${"}"}`}` ;\ndeclare global {}')).toEqual(['global']);
  });

  it('reads adversarial declaration text near the staging limit in one pass', () => {
    const texts = ['\\u{'.repeat(300_000), '`${'.repeat(300_000), '/*'.repeat(500_000), "'\\".repeat(500_000), `${'a'.repeat(1_000_000)} global`];
    for (const text of texts) expect(findAugmentations(`${text}\ndeclare global {}`).length).toBeLessThanOrEqual(1);
  }, 30_000);
});
